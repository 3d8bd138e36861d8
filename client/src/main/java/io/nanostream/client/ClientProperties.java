package io.nanostream.client;

import java.time.Duration;

/**
 * The system properties a client reads: one {@link Setting} each, its name beside its default and its parser. A value
 * that does not parse, or breaks the setting's rule, is an error that names the property and the fix, never a silent
 * default. {@link ClientContext} reads them once, when it is made. The driver's {@code DriverProperties} shares the
 * first two (the directory and the driver timeout).
 */
public final class ClientProperties
{
    /** The driver directory, shared by the driver and its clients; unset: {@link ClientContext#defaultDirectory()}. */
    public static final Setting<String> DIRECTORY = Setting.text("nanostream.dir", null);
    /** How long a driver may stay silent before clients give up on it (and another driver may take its directory). */
    public static final Setting<Duration> DRIVER_TIMEOUT = Setting.millis("nanostream.driver.timeout.ms", 10_000, 1);
    /** How long {@code NanoStream.connect} waits for a driver that is starting; unset (-1): the driver timeout. */
    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.millis("nanostream.client.connect.timeout.ms", -1,
        0);
    /** A client conductor's duty cycle longer than this is counted in its {@code client-cycles} counter. */
    public static final Setting<Duration> DUTY_CYCLE_THRESHOLD = Setting.millis("nanostream.client.duty.cycle.threshold.ms", 1, 1);
    /** Whether clients touch every page of a log when they map it. */
    public static final Setting<Boolean> PRE_TOUCH_LOGS = Setting.flag("nanostream.client.pre.touch.logs", true);

    private ClientProperties()
    {
    }
}
