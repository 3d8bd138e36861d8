package io.nanostream.client;

import java.time.Duration;
import java.util.Locale;

/**
 * The system properties a client reads, each beside its default and the rule its value must keep, and the strict
 * readers of them: a value that does not parse, or breaks the rule, is an error that names the property and the fix,
 * never a silent default. {@link ClientContext} reads them once, when it is made. The driver shares the first two
 * (the directory and the driver timeout) through its own {@code DriverProperties}.
 */
public final class ClientProperties
{
    /** The driver directory, shared by the driver and its clients; unset: {@link ClientContext#defaultDirectory()}. */
    public static final String DIRECTORY = "nanostream.dir";
    /** How long a driver may stay silent before clients give up on it (and another driver may take its directory), in ms. */
    public static final String DRIVER_TIMEOUT = "nanostream.driver.timeout.ms";
    /** The default of {@link #DRIVER_TIMEOUT}, in ms. */
    public static final long DRIVER_TIMEOUT_DEFAULT_MS = 10_000;
    /** How long {@code NanoStream.connect} waits for a driver that is starting, in ms; unset: the driver timeout. */
    public static final String CONNECT_TIMEOUT = "nanostream.client.connect.timeout.ms";
    /** A client conductor's duty cycle longer than this is counted in its {@code client-cycles} counter, in ms. */
    public static final String DUTY_CYCLE_THRESHOLD = "nanostream.client.duty.cycle.threshold.ms";
    /** The default of {@link #DUTY_CYCLE_THRESHOLD}, in ms. */
    public static final long DUTY_CYCLE_THRESHOLD_DEFAULT_MS = 1;
    /** Whether clients touch every page of a log when they map it: {@code true} (default) or {@code false}. */
    public static final String PRE_TOUCH_LOGS = "nanostream.client.pre.touch.logs";

    private ClientProperties()
    {
    }

    /**
     * Reads a duration in milliseconds.
     *
     * @param name          the property.
     * @param defaultMillis the value when the property is unset.
     * @param leastMillis   the least value it may have.
     * @return the duration.
     * @throws IllegalArgumentException naming the property, if its value is not a whole number of at least the least.
     */
    public static Duration millis(final String name, final long defaultMillis, final long leastMillis)
    {
        final String value = System.getProperty(name);
        if (value == null || value.isBlank())
        {
            return Duration.ofMillis(defaultMillis);
        }
        try
        {
            final long millis = Long.parseLong(value.strip());
            if (millis < leastMillis)
            {
                throw new NumberFormatException("below " + leastMillis);
            }
            return Duration.ofMillis(millis);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("system property " + name + "=" + value + " is not a number of milliseconds " +
                "(" + leastMillis + " or more); fix or unset it", ex);
        }
    }

    /**
     * Reads a flag.
     *
     * @param name         the property.
     * @param defaultValue the value when the property is unset.
     * @return the flag.
     * @throws IllegalArgumentException naming the property, if its value is neither {@code true} nor {@code false}.
     */
    public static boolean flag(final String name, final boolean defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null || value.isBlank())
        {
            return defaultValue;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT))
        {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("system property " + name + "=" + value + " is neither true nor false; " +
                "fix or unset it");
        };
    }

    /** {@return the driver directory the property names, or null if it is unset or blank} */
    static String directory()
    {
        final String configured = System.getProperty(DIRECTORY);
        return configured == null || configured.isBlank() ? null : configured;
    }
}
