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
     *             (case-insensitive), or {@code backoff:maxSpins:maxYields:minParkNanos:maxParkNanos}.
     * @return a fresh instance.
     * @throws IllegalArgumentException if the name is not one of those.
     */
    public static IdleStrategy byName(final String name)
    {
        if (name == null)
        {
            throw new IllegalArgumentException("idle strategy name is null; use one of spin, yield, sleep, backoff, noop");
        }
        final String trimmed = name.trim().toLowerCase(Locale.ROOT);
        if (trimmed.startsWith(BackoffIdleStrategy.ALIAS + ":"))
        {
            return backoff(name, trimmed.substring(BackoffIdleStrategy.ALIAS.length() + 1).split(":"));
        }
        return switch (trimmed)
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

    private static IdleStrategy backoff(final String name, final String[] parts)
    {
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("idle strategy '" + name +
                "' needs four numbers: backoff:maxSpins:maxYields:minParkNanos:maxParkNanos, e.g. backoff:10:10:1000:1000000");
        }
        try
        {
            return new BackoffIdleStrategy(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]),
                Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("idle strategy '" + name +
                "' has a part that is not a number; use backoff:maxSpins:maxYields:minParkNanos:maxParkNanos, e.g. backoff:10:10:1000:1000000");
        }
    }
}
