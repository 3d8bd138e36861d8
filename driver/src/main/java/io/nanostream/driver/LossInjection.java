package io.nanostream.driver;

import io.nanostream.driver.faults.LossGenerator;

import java.util.function.Supplier;

/**
 * Loss the driver's UDP sockets inject on purpose, part of {@link DriverContext} ({@link DriverContext#lossInjection()}):
 * for tests and demonstrations of loss repair; none by default. Each socket gets a generator of its own from the
 * supplier. Each setting starts from its system property ({@link DriverProperties}). Not thread-safe: configure, then launch.
 */
public final class LossInjection
{
    private Supplier<LossGenerator> send = DriverProperties.loss(DriverProperties.SEND_LOSS_RATE);
    private Supplier<LossGenerator> receive = DriverProperties.loss(DriverProperties.RECEIVE_LOSS_RATE);

    LossInjection()
    {
    }

    /**
     * Sets the loss injected on sending ({@value DriverProperties#SEND_LOSS_RATE} for random loss).
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
     * Sets the loss injected on receiving ({@value DriverProperties#RECEIVE_LOSS_RATE} for random loss).
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
