package io.nanostream.driver;

import io.nanostream.client.ClientProperties;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.loss.RandomLoss;
import io.nanostream.log.FrameType;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The system properties that configure a driver, by name, and how their values are read: sizes in bytes
 * or with a {@code k}, {@code m} or {@code g} suffix ({@code 16m}), times in milliseconds. A value that
 * does not parse is an error that names the property and the expected form; it never falls back to the
 * default silently. {@link DriverContext} reads these once, when it is created.
 */
public final class DriverProperties
{
    /** The driver directory (shared with clients). */
    public static final String DIRECTORY = ClientProperties.DIRECTORY;
    /** DEDICATED, SHARED or INVOKER. */
    public static final String THREADING_MODE = "nanostream.threading.mode";
    /** The conductor's idle strategy: spin, yield, sleep, backoff, noop, or backoff:spins:yields:minPark:maxPark. */
    public static final String CONDUCTOR_IDLE_STRATEGY = "nanostream.conductor.idle.strategy";
    /** The sender's idle strategy, named as the conductor's. */
    public static final String SENDER_IDLE_STRATEGY = "nanostream.sender.idle.strategy";
    /** The receiver's idle strategy, named as the conductor's. */
    public static final String RECEIVER_IDLE_STRATEGY = "nanostream.receiver.idle.strategy";
    /** The idle strategy of the one thread of the SHARED threading mode, named as the conductor's. */
    public static final String SHARED_IDLE_STRATEGY = "nanostream.shared.idle.strategy";
    /** The data length of the ring clients send commands on: a power of two from 64k to 1g. */
    public static final String COMMAND_RING_LENGTH = "nanostream.command.ring.length";
    /** The data length of the buffer the driver broadcasts answers on: a power of two from 64k to 1g. */
    public static final String BROADCAST_LENGTH = "nanostream.broadcast.length";
    /** How many counters the driver holds, from 256 to 1048576. */
    public static final String COUNTER_COUNT = "nanostream.counters.count";
    /** The length of the distinct-error log, from 64k to 1g. */
    public static final String ERROR_LOG_LENGTH = "nanostream.error.log.length";
    /** Default term length of IPC publications. */
    public static final String IPC_TERM_LENGTH = "nanostream.ipc.term.length";
    /** Default term length of UDP publications. */
    public static final String UDP_TERM_LENGTH = "nanostream.udp.term.length";
    /** Default MTU. */
    public static final String MTU_LENGTH = "nanostream.mtu.length";
    /** How far an IPC publisher may run ahead of its slowest subscriber; 0 for half a term. */
    public static final String IPC_PUBLICATION_WINDOW = "nanostream.ipc.publication.window";
    /** The window a UDP receiver grants. */
    public static final String RECEIVER_WINDOW = "nanostream.rcv.window";
    /** How long a silent client keeps what it holds, in ms. */
    public static final String CLIENT_LIVENESS_TIMEOUT = "nanostream.client.liveness.timeout.ms";
    /** How long a frame may stay unfinished before the driver pads over it, in ms. */
    public static final String PUBLICATION_UNBLOCK_TIMEOUT = "nanostream.publication.unblock.timeout.ms";
    /** How long a drained publication's log stays, in ms. */
    public static final String PUBLICATION_LINGER = "nanostream.publication.linger.ms";
    /** A duty cycle of a driver agent longer than this is counted ({@code <agent> cycles over ...} in stat), in ms. */
    public static final String DUTY_CYCLE_THRESHOLD = "nanostream.duty.cycle.threshold.ms";
    /** How long a driver may be silent before another may take its directory, in ms. */
    public static final String DRIVER_TIMEOUT = ClientProperties.DRIVER_TIMEOUT;
    /** How long a silent UDP image or receiver lives, in ms. */
    public static final String IMAGE_LIVENESS_TIMEOUT = "nanostream.image.liveness.timeout.ms";
    /** How often a UDP publication's endpoint host name is looked up again, in milliseconds. */
    public static final String RE_RESOLUTION_INTERVAL = "nanostream.udp.re.resolution.interval.ms";
    /** CPUs to pin the driver's agents to, e.g. {@code conductor=0,sender=1,receiver=2-3}; needs native access. */
    public static final String AFFINITY = "nanostream.affinity";
    /** The most publications and subscriptions one client may hold. */
    public static final String CLIENT_MAX_REGISTRATIONS = "nanostream.client.max.registrations";
    /** Where logs go, e.g. a hugetlbfs mount or a tmpfs mounted with {@code huge=always}; unset: the driver directory. */
    public static final String LOG_DIR = "nanostream.log.dir";
    /** The NUMA node logs are bound to: {@code off} (default), {@code auto} (the conductor's, if there are several) or a node; needs native access. */
    public static final String NUMA_BIND = "nanostream.numa.bind";
    /** Datagrams per {@code sendmmsg}/{@code recvmmsg} call on IPv4 channels, 0 (default) for JDK channels; needs native access. */
    public static final String UDP_BATCH = "nanostream.udp.batch";
    /** With batching: use the kernel's UDP segmentation and coalescing offloads where it has them ({@code true}, default, or {@code false}). */
    public static final String UDP_OFFLOAD = "nanostream.udp.offload";
    /** Leave new logs sparse instead of writing them through. */
    public static final String SPARSE_FILES = "nanostream.term.buffer.sparse.file";
    /** The largest term length a SETUP from the network may announce. */
    public static final String MAX_NETWORK_TERM_LENGTH = "nanostream.udp.max.term.length";
    /** The most images one receive endpoint holds. */
    public static final String MAX_IMAGES_PER_ENDPOINT = "nanostream.udp.max.images.per.endpoint";
    /** The most images the driver holds. */
    public static final String MAX_IMAGES = "nanostream.udp.max.images";
    /** The most images the driver holds from one source address. */
    public static final String MAX_IMAGES_PER_SOURCE = "nanostream.udp.max.images.per.source";
    /** The most bytes all image logs take together. */
    public static final String MAX_IMAGE_LOG_BYTES = "nanostream.udp.max.image.log.bytes";
    /** How long an image goes without data (heartbeats do not count) before it gives way to a new session at a full cap. */
    public static final String IMAGE_IDLE_TIMEOUT = "nanostream.udp.image.idle.timeout.ms";
    /** The key file of {@code auth=} channels: lines of 'name generation hex-key [accept-only]', read again when it changes. */
    public static final String AUTH_KEYS = "nanostream.udp.auth.keys";
    /** How far a signed datagram's time may be from the receiver's clock, in ms: older captures sent again are refused. */
    public static final String AUTH_REPLAY_WINDOW = "nanostream.udp.auth.replay.window.ms";
    /** The most images one receive endpoint creates per second. */
    public static final String IMAGE_CREATIONS_PER_SECOND = "nanostream.udp.image.creations.per.second";
    /** Loss injected on sending, a rate from 0 to 1 (tests and demonstrations only). */
    public static final String SEND_LOSS_RATE = "nanostream.udp.send.loss.rate";
    /** Loss injected on receiving, a rate from 0 to 1 (tests and demonstrations only). */
    public static final String RECEIVE_LOSS_RATE = "nanostream.udp.receive.loss.rate";
    /** The seed of injected loss. */
    public static final String LOSS_SEED = "nanostream.udp.loss.seed";
    /** The frame types injected loss drops: data, pad, sm, nak, setup, rttm, comma-separated. */
    public static final String LOSS_TYPES = "nanostream.udp.loss.types";

    private DriverProperties()
    {
    }

    static String text(final String name, final String defaultValue)
    {
        final String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /**
     * Parses a size: bytes, or a number with a k, m or g suffix (binary multiples).
     *
     * @param name  what is being parsed, for the error.
     * @param value the text.
     * @return bytes.
     * @throws IllegalArgumentException if it is not a size that fits in an int.
     */
    public static int parseSize(final String name, final String value)
    {
        return (int)parseBytes(name, value, Integer.MAX_VALUE, "below 2g");
    }

    /**
     * Parses a size that may pass 2 GiB: bytes, or a number with a k, m, g or t suffix (binary multiples).
     *
     * @param name  what is being parsed, for the error.
     * @param value the text.
     * @return bytes.
     * @throws IllegalArgumentException if it is not a size.
     */
    public static long parseLongSize(final String name, final String value)
    {
        return parseBytes(name, value, Long.MAX_VALUE, "e.g. 4g");
    }

    private static long parseBytes(final String name, final String value, final long max, final String hint)
    {
        final String text = value.trim().toLowerCase(Locale.ROOT);
        final char suffix = text.isEmpty() ? ' ' : text.charAt(text.length() - 1);
        final int shift = switch (suffix)
        {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try
        {
            final long number = Long.parseLong(shift == 0 ? text : text.substring(0, text.length() - 1));
            final long bytes = number << shift;
            if (number < 0 || bytes >> shift != number || bytes > max)
            {
                throw new NumberFormatException();
            }
            return bytes;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + " is not a size; give bytes, or a number with k, m or g " +
                "(e.g. 16m), " + hint);
        }
    }

    static long longSize(final String name, final long defaultValue)
    {
        final String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : parseLongSize(name, value);
    }

    static int size(final String name, final int defaultValue)
    {
        final String value = System.getProperty(name);
        return value == null || value.isBlank() ? defaultValue : parseSize(name, value);
    }

    static int count(final String name, final int defaultValue)
    {
        final String value = System.getProperty(name);
        if (value == null || value.isBlank())
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(value.trim());
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number; e.g. " + defaultValue);
        }
    }

    static Duration millis(final String name, final long defaultMillis)
    {
        final String value = System.getProperty(name);
        if (value == null || value.isBlank())
        {
            return Duration.ofMillis(defaultMillis);
        }
        try
        {
            return Duration.ofMillis(Long.parseLong(value.trim()));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + "=" + value + " is not a whole number of milliseconds; e.g. " + defaultMillis);
        }
    }

    static ThreadingMode threadingMode(final String defaultValue)
    {
        final String value = text(THREADING_MODE, defaultValue);
        try
        {
            return ThreadingMode.valueOf(value.toUpperCase(Locale.ROOT));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(THREADING_MODE + "=" + value + " is not a threading mode; use " +
                Arrays.toString(ThreadingMode.values()));
        }
    }

    static Supplier<LossGenerator> loss(final String rateProperty)
    {
        final String rate = System.getProperty(rateProperty);
        if (rate == null)
        {
            return () -> LossGenerator.NONE;
        }
        final double value;
        try
        {
            value = Double.parseDouble(rate);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(rateProperty + "=" + rate + " is not a rate; give a number from 0 to 1, e.g. 0.05");
        }
        final long seed = Long.getLong(LOSS_SEED, 42);
        final int[] types = Arrays.stream(text(LOSS_TYPES, "data").split(",")).mapToInt(DriverProperties::frameType).toArray();
        final long[] instances = {0};
        return () -> new RandomLoss(value, seed + instances[0]++, types);
    }

    private static int frameType(final String name)
    {
        try
        {
            return FrameType.byName(name);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(LOSS_TYPES + ": " + ex.getMessage());
        }
    }
}
