package io.nanostream.driver;

import io.nanostream.client.ClientProperties;
import io.nanostream.client.Setting;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.loss.RandomLoss;
import io.nanostream.driver.udp.ReceiverLimits;
import io.nanostream.log.FrameType;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Every system property that configures a driver, one {@link Setting} each: its name beside its default and its
 * parser, in one table, as Aeron's {@code Configuration} pairs them. Sizes are bytes or a number with a {@code k},
 * {@code m} or {@code g} suffix ({@code 16m}), times whole milliseconds, flags {@code true} or {@code false}. A value
 * that does not parse is an error that names the property and the expected form, never a silent default. Rules that
 * also bind values set in code (a power of two, a range, one setting against another) are checked by
 * {@link DriverContext#conclude()}. {@link DriverContext} and its parts read these once, when they are made; the
 * directory and the driver timeout are the client's ({@code ClientProperties}).
 */
public final class DriverProperties
{
    /** The driver directory, shared with clients; unset: the client's default directory. */
    public static final Setting<String> DIRECTORY = ClientProperties.DIRECTORY;
    /** How long a driver may be silent before another may take its directory; shared with clients. */
    public static final Setting<Duration> DRIVER_TIMEOUT = ClientProperties.DRIVER_TIMEOUT;
    /** DEDICATED (a thread per agent), SHARED (one thread) or INVOKER (the application's thread). */
    public static final Setting<ThreadingMode> THREADING_MODE =
        Setting.choice("nanostream.threading.mode", ThreadingMode.class, ThreadingMode.DEDICATED);

    /** The conductor's idle strategy: spin, yield, sleep, backoff, noop, or backoff:spins:yields:minPark:maxPark. */
    public static final Setting<String> CONDUCTOR_IDLE_STRATEGY = Setting.text("nanostream.conductor.idle.strategy",
        "backoff");
    /** The sender's idle strategy, named as the conductor's. */
    public static final Setting<String> SENDER_IDLE_STRATEGY = Setting.text("nanostream.sender.idle.strategy",
        "backoff");
    /** The receiver's idle strategy, named as the conductor's. */
    public static final Setting<String> RECEIVER_IDLE_STRATEGY = Setting.text("nanostream.receiver.idle.strategy",
        "backoff");
    /** The idle strategy of the one thread of the SHARED threading mode, named as the conductor's. */
    public static final Setting<String> SHARED_IDLE_STRATEGY = Setting.text("nanostream.shared.idle.strategy",
        "backoff");
    /** A duty cycle of a driver agent longer than this is counted ({@code <agent> cycles over ...} in stat). */
    public static final Setting<Duration> DUTY_CYCLE_THRESHOLD = Setting.millis("nanostream.duty.cycle.threshold.ms", 1,
        0);
    /** CPUs to pin the driver's agents to, e.g. {@code conductor=0,sender=1,receiver=2-3}; needs native access. */
    public static final Setting<String> AFFINITY = Setting.text("nanostream.affinity", "");

    /** The data length of the ring clients send commands on: a power of two from 64k to 1g. */
    public static final Setting<Integer> COMMAND_RING_LENGTH = size("nanostream.command.ring.length", 1024 * 1024);
    /** The data length of the buffer the driver broadcasts answers on: a power of two from 64k to 1g. */
    public static final Setting<Integer> BROADCAST_LENGTH = size("nanostream.broadcast.length", 1024 * 1024);
    /** How many counters the driver holds, from 256 to 1048576. */
    public static final Setting<Integer> COUNTER_COUNT = Setting.count("nanostream.counters.count", 2048);
    /** The length of the distinct-error log, from 64k to 1g. */
    public static final Setting<Integer> ERROR_LOG_LENGTH = size("nanostream.error.log.length", 1024 * 1024);

    /** Default term length of IPC publications: a power of two from 64k to 1g. */
    public static final Setting<Integer> IPC_TERM_LENGTH = size("nanostream.ipc.term.length", 16 * 1024 * 1024);
    /** Default term length of UDP publications: a power of two from 64k to 1g. */
    public static final Setting<Integer> UDP_TERM_LENGTH = size("nanostream.udp.term.length", 16 * 1024 * 1024);
    /** Default MTU: a multiple of 32 from 64 to 65504. */
    public static final Setting<Integer> MTU_LENGTH = size("nanostream.mtu.length", 1408);
    /** How far an IPC publisher may run ahead of its slowest subscriber; 0 for half a term. */
    public static final Setting<Integer> IPC_PUBLICATION_WINDOW = size("nanostream.ipc.publication.window", 0);
    /** The window a UDP receiver grants. */
    public static final Setting<Integer> RECEIVER_WINDOW = size("nanostream.rcv.window", 128 * 1024);
    /** How long a silent client keeps what it holds. */
    public static final Setting<Duration> CLIENT_LIVENESS_TIMEOUT = Setting.millis("nanostream.client.liveness.timeout.ms", 10_000, 0);
    /** The most publications and subscriptions one client may hold. */
    public static final Setting<Integer> CLIENT_MAX_REGISTRATIONS = size("nanostream.client.max.registrations", 256);
    /** How long a frame may stay unfinished before the driver pads over it. */
    public static final Setting<Duration> PUBLICATION_UNBLOCK_TIMEOUT =
        Setting.millis("nanostream.publication.unblock.timeout.ms", 15_000, 0);
    /** How long a drained publication's log stays. */
    public static final Setting<Duration> PUBLICATION_LINGER = Setting.millis("nanostream.publication.linger.ms", 5_000,
        0);

    /**
     * Where logs go, e.g. a hugetlbfs mount or a tmpfs mounted with {@code huge=always}; unset: the driver directory.
     */
    public static final Setting<String> LOG_DIR = Setting.text("nanostream.log.dir", "");
    /** The NUMA node logs are bound to: {@code off}, {@code auto} (the conductor's, if there are several) or a node. */
    public static final Setting<String> NUMA_BIND = Setting.text("nanostream.numa.bind", NumaPlan.OFF);
    /** Leave new logs sparse instead of writing them through. */
    public static final Setting<Boolean> SPARSE_FILES = Setting.flag("nanostream.term.buffer.sparse.file", false);

    /** How long a silent UDP image or receiver lives. */
    public static final Setting<Duration> IMAGE_LIVENESS_TIMEOUT = Setting.millis("nanostream.image.liveness.timeout.ms", 10_000, 0);
    /** How often a UDP publication's endpoint host name is looked up again. */
    public static final Setting<Duration> RE_RESOLUTION_INTERVAL =
        Setting.millis("nanostream.udp.re.resolution.interval.ms", 1_000, 0);
    /**
     * Datagrams per {@code sendmmsg}/{@code recvmmsg} call on IPv4 channels, 0 for JDK channels; needs native access.
     */
    public static final Setting<Integer> UDP_BATCH = Setting.count("nanostream.udp.batch", 0);
    /** With batching: use the kernel's UDP segmentation and coalescing offloads where it has them. */
    public static final Setting<Boolean> UDP_OFFLOAD = Setting.flag("nanostream.udp.offload", true);
    /**
     * The key file of {@code auth=} channels: lines of 'name generation hex-key
     * [accept-only]', read again when it changes.
     */
    public static final Setting<String> AUTH_KEYS = Setting.text("nanostream.udp.auth.keys", null);
    /** How far a signed datagram's time may be from the receiver's clock: older captures sent again are refused. */
    public static final Setting<Duration> AUTH_REPLAY_WINDOW = Setting.millis("nanostream.udp.auth.replay.window.ms",
        10_000, 0);

    /** The largest term length a SETUP from the network may announce. */
    public static final Setting<Integer> MAX_NETWORK_TERM_LENGTH =
        size("nanostream.udp.max.term.length", ReceiverLimits.DEFAULT_MAX_TERM_LENGTH);
    /** The most images one receive endpoint holds. */
    public static final Setting<Integer> MAX_IMAGES_PER_ENDPOINT =
        Setting.count("nanostream.udp.max.images.per.endpoint", ReceiverLimits.DEFAULT_MAX_IMAGES_PER_ENDPOINT);
    /** The most images the driver holds. */
    public static final Setting<Integer> MAX_IMAGES = Setting.count("nanostream.udp.max.images",
        ReceiverLimits.DEFAULT_MAX_IMAGES);
    /** The most images the driver holds from one source address. */
    public static final Setting<Integer> MAX_IMAGES_PER_SOURCE =
        Setting.count("nanostream.udp.max.images.per.source", ReceiverLimits.DEFAULT_MAX_IMAGES_PER_SOURCE);
    /** The most bytes all image logs take together. */
    public static final Setting<Long> MAX_IMAGE_LOG_BYTES = new Setting<>("nanostream.udp.max.image.log.bytes",
        ReceiverLimits.DEFAULT_MAX_IMAGE_LOG_BYTES, (property, text) ->
        {
            try
            {
                return parseLongSize(property, text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw Setting.refused(property, text, "a size: bytes, or a number with k, m, g or t (e.g. 4g)");
            }
        });
    /**
     * How long an image goes without data (heartbeats do not count) before it gives way to a new session at a full cap.
     */
    public static final Setting<Duration> IMAGE_IDLE_TIMEOUT = Setting.millis("nanostream.udp.image.idle.timeout.ms",
        ReceiverLimits.DEFAULT_IMAGE_IDLE_NANOS / 1_000_000, 0);
    /** The most images one receive endpoint creates per second. */
    public static final Setting<Integer> IMAGE_CREATIONS_PER_SECOND =
        Setting.count("nanostream.udp.image.creations.per.second", ReceiverLimits.DEFAULT_IMAGE_CREATIONS_PER_SECOND);

    /** Loss injected on sending, a rate from 0 to 1 (tests and demonstrations only). */
    public static final Setting<Double> SEND_LOSS_RATE = rate("nanostream.udp.send.loss.rate");
    /** Loss injected on receiving, a rate from 0 to 1 (tests and demonstrations only). */
    public static final Setting<Double> RECEIVE_LOSS_RATE = rate("nanostream.udp.receive.loss.rate");
    /** The seed of injected loss. */
    public static final Setting<Long> LOSS_SEED = Setting.number("nanostream.udp.loss.seed", 42);
    /** The frame types injected loss drops: data, pad, sm, nak, setup, rttm, comma-separated. */
    public static final Setting<String> LOSS_TYPES = Setting.text("nanostream.udp.loss.types", "data");

    private DriverProperties()
    {
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
            throw new IllegalArgumentException(name + "=" + value +
                " is not a size; give bytes, or a number with k, m or g " + "(e.g. 16m), " + hint);
        }
    }

    private static Setting<Integer> size(final String name, final int defaultValue)
    {
        return new Setting<>(name, defaultValue, (property, text) ->
        {
            try
            {
                return parseSize(property, text);
            }
            catch (final IllegalArgumentException ex)
            {
                throw Setting.refused(property, text, "a size: bytes, or a number with k, m or g (e.g. 16m), below 2g");
            }
        });
    }

    private static Setting<Double> rate(final String name)
    {
        return new Setting<>(name, null, (property, text) ->
        {
            try
            {
                final double rate = Double.parseDouble(text);
                if (rate >= 0 && rate <= 1)
                {
                    return rate;
                }
            }
            catch (final NumberFormatException ignored)
            {
                // refused below, with the form
            }
            throw Setting.refused(property, text, "a rate from 0 to 1, e.g. 0.05");
        });
    }

    /**
     * The loss a rate setting injects, with the seed and the frame types of {@link #LOSS_SEED} and {@link #LOSS_TYPES}.
     *
     * @param rate {@link #SEND_LOSS_RATE} or {@link #RECEIVE_LOSS_RATE}.
     * @return a supplier of one generator per socket; no loss when the rate is unset.
     */
    static Supplier<LossGenerator> loss(final Setting<Double> rate)
    {
        final Double value = rate.read();
        final long seed = LOSS_SEED.read(); // the seed and the types are read, and refused if bad, even while no rate is set
        final int[] types = Arrays.stream(LOSS_TYPES.read().split(",")).mapToInt(DriverProperties::frameType).toArray();
        if (value == null)
        {
            return () -> LossGenerator.NONE;
        }
        final long[] instances = {0};
        return () -> new RandomLoss(value, seed + instances[0]++, types);
    }

    private static int frameType(final String name)
    {
        try
        {
            return FrameType.byName(name.strip());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(LOSS_TYPES + ": " + ex.getMessage());
        }
    }
}
