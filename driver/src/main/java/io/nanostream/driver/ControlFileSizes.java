package io.nanostream.driver;

/**
 * How large the driver makes the shared structures of its control file, part of {@link DriverContext}
 * ({@link DriverContext#controlFileSizes()}): the ring clients send commands on
 * ({@code nanostream.command.ring.length}), the buffer the driver broadcasts answers on
 * ({@code nanostream.broadcast.length}), how many counters it holds ({@code nanostream.counters.count}),
 * and the distinct-error log ({@code nanostream.error.log.length}). Each is read by clients from the file, so
 * they need no setting of their own. More counters for a driver with many streams (each UDP publication takes eight,
 * each subscriber and image one); a larger broadcast buffer for many clients that add and remove often. Checked by
 * {@link DriverContext#conclude()}. Not thread-safe: configure, then launch.
 */
public final class ControlFileSizes
{
    /** The fewest counters: the driver's own take about 80. */
    static final int MIN_COUNTERS = 256;
    /** The most counters. */
    static final int MAX_COUNTERS = 1 << 20;
    /** The smallest ring, broadcast buffer and error log. */
    static final int MIN_LENGTH = 64 * 1024;
    /** The largest ring, broadcast buffer and error log. */
    static final int MAX_LENGTH = 1 << 30;

    private int commandRingLength = DriverProperties.COMMAND_RING_LENGTH.read();
    private int broadcastLength = DriverProperties.BROADCAST_LENGTH.read();
    private int counterCount = DriverProperties.COUNTER_COUNT.read();
    private int errorLogLength = DriverProperties.ERROR_LOG_LENGTH.read();

    ControlFileSizes()
    {
    }

    /**
     * Sets the command ring's data length.
     *
     * @param length a power of two from 64 KiB to 1 GiB; default 1 MiB.
     * @return this.
     */
    public ControlFileSizes commandRingLength(final int length)
    {
        commandRingLength = length;
        return this;
    }

    /** {@return the command ring's data length} */
    public int commandRingLength()
    {
        return commandRingLength;
    }

    /**
     * Sets the broadcast buffer's data length.
     *
     * @param length a power of two from 64 KiB to 1 GiB; default 1 MiB.
     * @return this.
     */
    public ControlFileSizes broadcastLength(final int length)
    {
        broadcastLength = length;
        return this;
    }

    /** {@return the broadcast buffer's data length} */
    public int broadcastLength()
    {
        return broadcastLength;
    }

    /**
     * Sets how many counters the driver holds.
     *
     * @param count from 256 to 1,048,576; default 2048.
     * @return this.
     */
    public ControlFileSizes counterCount(final int count)
    {
        counterCount = count;
        return this;
    }

    /** {@return how many counters the driver holds} */
    public int counterCount()
    {
        return counterCount;
    }

    /**
     * Sets the distinct-error log's length.
     *
     * @param length from 64 KiB to 1 GiB; default 1 MiB.
     * @return this.
     */
    public ControlFileSizes errorLogLength(final int length)
    {
        errorLogLength = length;
        return this;
    }

    /** {@return the distinct-error log's length} */
    public int errorLogLength()
    {
        return errorLogLength;
    }
}
