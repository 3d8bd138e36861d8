package io.nanostream.driver;

/**
 * How each of the driver's agents idles when a duty cycle found nothing to do, part of {@link DriverContext}
 * ({@link DriverContext#idleStrategies()}), as Aeron gives each agent its own: the conductor
 * ({@code nanostream.conductor.idle.strategy}), the sender ({@code nanostream.sender.idle.strategy}), the
 * receiver ({@code nanostream.receiver.idle.strategy}), and the one thread of the {@code SHARED} threading mode
 * ({@code nanostream.shared.idle.strategy}). Each is a name: {@code spin}, {@code yield}, {@code sleep},
 * {@code noop}, {@code backoff} (the default) or {@code backoff:spins:yields:minParkNanos:maxParkNanos}; a name that is
 * not one of those is named by {@link DriverContext#conclude()}. A latency-critical sender or receiver may spin while
 * the conductor backs off. Not thread-safe: configure, then launch.
 */
public final class AgentIdleStrategies
{
    private String conductor = DriverProperties.CONDUCTOR_IDLE_STRATEGY.read();
    private String sender = DriverProperties.SENDER_IDLE_STRATEGY.read();
    private String receiver = DriverProperties.RECEIVER_IDLE_STRATEGY.read();
    private String shared = DriverProperties.SHARED_IDLE_STRATEGY.read();

    AgentIdleStrategies()
    {
    }

    /**
     * Sets every agent's idle strategy to one.
     *
     * @param name the strategy's name.
     * @return this.
     */
    public AgentIdleStrategies all(final String name)
    {
        conductor = name;
        sender = name;
        receiver = name;
        shared = name;
        return this;
    }

    /**
     * Sets the conductor's idle strategy.
     *
     * @param name the strategy's name.
     * @return this.
     */
    public AgentIdleStrategies conductor(final String name)
    {
        conductor = name;
        return this;
    }

    /** {@return the conductor's idle strategy} */
    public String conductor()
    {
        return conductor;
    }

    /**
     * Sets the sender's idle strategy.
     *
     * @param name the strategy's name.
     * @return this.
     */
    public AgentIdleStrategies sender(final String name)
    {
        sender = name;
        return this;
    }

    /** {@return the sender's idle strategy} */
    public String sender()
    {
        return sender;
    }

    /**
     * Sets the receiver's idle strategy.
     *
     * @param name the strategy's name.
     * @return this.
     */
    public AgentIdleStrategies receiver(final String name)
    {
        receiver = name;
        return this;
    }

    /** {@return the receiver's idle strategy} */
    public String receiver()
    {
        return receiver;
    }

    /**
     * Sets the idle strategy of the one thread that runs all three agents in the {@code SHARED} threading mode.
     *
     * @param name the strategy's name.
     * @return this.
     */
    public AgentIdleStrategies shared(final String name)
    {
        shared = name;
        return this;
    }

    /** {@return the shared thread's idle strategy} */
    public String shared()
    {
        return shared;
    }
}
