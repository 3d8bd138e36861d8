package io.nanostream.driver.loss;

import java.util.function.Supplier;

/**
 * Loss the driver's UDP sockets inject on purpose, part of the driver's context ({@code
 * DriverContext.lossInjection()}): for tests and demonstrations of loss repair; none by default. Each socket gets a
 * generator of its own from the supplier. The context starts each from its system property ({@code
 * nanostream.udp.send.loss.rate},
 * {@code nanostream.udp.receive.loss.rate}). Not thread-safe: configure, then launch.
 */
public final class LossInjection
{
    private Supplier<LossGenerator> send;
    private Supplier<LossGenerator> receive;

    /**
     * Creates the setting.
     *
     * @param send    the loss injected on sending, to start with.
     * @param receive the loss injected on receiving, to start with.
     */
    public LossInjection(final Supplier<LossGenerator> send, final Supplier<LossGenerator> receive)
    {
        this.send = send;
        this.receive = receive;
    }

    /**
     * Sets the loss injected on sending.
     *
     * @param loss supplies one generator per socket.
     * @return this.
     */
    public LossInjection send(final Supplier<LossGenerator> loss)
    {
        this.send = loss;
        return this;
    }

    /** {@return the send-side loss} */
    public Supplier<LossGenerator> send()
    {
        return send;
    }

    /**
     * Sets the loss injected on receiving.
     *
     * @param loss supplies one generator per socket.
     * @return this.
     */
    public LossInjection receive(final Supplier<LossGenerator> loss)
    {
        this.receive = loss;
        return this;
    }

    /** {@return the receive-side loss} */
    public Supplier<LossGenerator> receive()
    {
        return receive;
    }
}
