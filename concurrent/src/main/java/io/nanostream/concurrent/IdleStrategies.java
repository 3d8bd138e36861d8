package io.nanostream.concurrent;

import java.util.Locale;

/** Makes idle strategies from their configuration names: {@code spin, yield, sleep, backoff, noop}. */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    /**
     * Makes a new idle strategy with default settings from its name.
     *
     * @param name one of {@code spin}, {@code yield}, {@code sleep}, {@code backoff}, {@code noop}
     *             (case-insensitive).
     * @return a fresh instance.
     * @throws IllegalArgumentException if the name is not one of those.
     */
    public static IdleStrategy byName(final String name)
    {
        if (name == null)
        {
            throw new IllegalArgumentException("idle strategy name is null; use one of spin, yield, sleep, backoff, noop");
        }
        return switch (name.trim().toLowerCase(Locale.ROOT))
        {
            case BusySpinIdleStrategy.ALIAS -> new BusySpinIdleStrategy();
            case YieldingIdleStrategy.ALIAS -> new YieldingIdleStrategy();
            case SleepingIdleStrategy.ALIAS -> new SleepingIdleStrategy();
            case BackoffIdleStrategy.ALIAS -> new BackoffIdleStrategy();
            case NoOpIdleStrategy.ALIAS -> new NoOpIdleStrategy();
            default -> throw new IllegalArgumentException(
                "unknown idle strategy '" + name + "'; use one of spin, yield, sleep, backoff, noop");
        };
    }
}
