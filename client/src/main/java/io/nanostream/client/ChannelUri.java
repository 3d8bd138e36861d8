package io.nanostream.client;

import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogLayout;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A channel, written as a URI: {@code nano:ipc}, {@code nano:ipc?term-length=64k|mtu=8k}, or (for the
 * UDP transport) {@code nano:udp?endpoint=host:port}. Parameters are {@code key=value} pairs separated
 * by {@code |}; sizes take the suffixes k, m and g. {@code aeron:} is accepted for {@code nano:}.
 */
public final class ChannelUri
{
    /** Term length parameter. */
    public static final String TERM_LENGTH = "term-length";
    /** MTU parameter. */
    public static final String MTU = "mtu";
    /** UDP endpoint parameter. */
    public static final String ENDPOINT = "endpoint";
    /** Session id parameter. */
    public static final String SESSION_ID = "session-id";
    /** An exclusive publication's initial term id: with {@link #TERM_ID} and {@link #TERM_OFFSET}, where its log starts. */
    public static final String INIT_TERM_ID = "init-term-id";
    /** An exclusive publication's first term id: with {@link #INIT_TERM_ID} and {@link #TERM_OFFSET}, where its log starts. */
    public static final String TERM_ID = "term-id";
    /** An exclusive publication's first offset in its first term: with {@link #INIT_TERM_ID} and {@link #TERM_ID}. */
    public static final String TERM_OFFSET = "term-offset";
    /** A UDP subscription's repair: {@code true} (the default) NAKs gaps; {@code false} skips them, and the loss report records them. */
    public static final String RELIABLE = "reliable";
    /** A UDP subscription's receiver window, the most its sender may send beyond what it has consumed: 4k to 1g. */
    public static final String RECEIVER_WINDOW = "rcv-wnd";
    /** How long a UDP subscription waits before it NAKs a new gap (for reordered frames): {@code 0} to {@code 1s}, e.g. {@code 100us}. */
    public static final String NAK_DELAY = "nak-delay";
    /**
     * The control address: on a multi-destination-cast publication the address its socket binds, where receivers send
     * status messages; on a subscription, the publication's control address, which it asks to be sent to.
     */
    public static final String CONTROL = "control";
    /**
     * A publication's multi-destination-cast mode: {@link #CONTROL_MODE_DYNAMIC} (receivers join by sending status messages
     * to its {@link #CONTROL} address) or {@link #CONTROL_MODE_MANUAL} (the application adds and removes destinations).
     */
    public static final String CONTROL_MODE = "control-mode";
    /** {@link #CONTROL_MODE}: destinations are the receivers heard from at the control address. */
    public static final String CONTROL_MODE_DYNAMIC = "dynamic";
    /** {@link #CONTROL_MODE}: destinations are those the application adds with {@code Publication.addDestination}. */
    public static final String CONTROL_MODE_MANUAL = "manual";
    /**
     * A subscription's tether: {@code true} (the default) holds its publisher back while it reads; {@code false} lets the
     * publisher leave it behind once it has held the publisher at its window for {@link #UNTETHERED_WINDOW_LIMIT_TIMEOUT}.
     */
    public static final String TETHER = "tether";
    /** How long an untethered subscription may hold its publisher at the window before it is left behind (default 5s). */
    public static final String UNTETHERED_WINDOW_LIMIT_TIMEOUT = "untethered-window-limit-timeout";
    /** How long a left-behind untethered subscription rests before it rejoins at the live position (default 10s). */
    public static final String UNTETHERED_RESTING_TIMEOUT = "untethered-resting-timeout";
    /** Whether a left-behind untethered subscription rejoins after resting: {@code true} (the default) or {@code false}. */
    public static final String REJOIN = "rejoin";
    /** Aeron's default for {@link #UNTETHERED_WINDOW_LIMIT_TIMEOUT}. */
    public static final long DEFAULT_UNTETHERED_WINDOW_LIMIT_TIMEOUT_NANOS = 5_000_000_000L;
    /** Aeron's default for {@link #UNTETHERED_RESTING_TIMEOUT}. */
    public static final long DEFAULT_UNTETHERED_RESTING_TIMEOUT_NANOS = 10_000_000_000L;
    /** A UDP channel's socket send buffer, asked of the kernel: 4k to 1g (the kernel may cap it; the driver logs what it got). */
    public static final String SOCKET_SEND_BUFFER = "so-sndbuf";
    /** A UDP channel's socket receive buffer, asked of the kernel: 4k to 1g. */
    public static final String SOCKET_RECEIVE_BUFFER = "so-rcvbuf";
    /** How long a publication's log lingers after its last publisher and subscriber are done: 0 to 1h. */
    public static final String LINGER = "linger";
    /** Whether a UDP publication tells its receivers of its end when it closes: {@code true} (the default) or {@code false}. */
    public static final String END_OF_STREAM = "eos";
    /** Whether a publication's log file is left sparse rather than written through at creation. */
    public static final String SPARSE = "sparse";
    /** A publication's window, how far publishers may go past the sender or slowest subscriber: 4k to half the term. */
    public static final String PUBLICATION_WINDOW = "pub-wnd";
    private static final long MAX_UNTETHERED_TIMEOUT_NANOS = 3_600_000_000_000L;
    /** A UDP publication's spies count as a connection: publishers may offer with no receiver, and spies hold them back. */
    public static final String SPIES_SIMULATE_CONNECTION = "ssc";
    /** How many resends a UDP publication keeps in flight at once: 1 to 64 (Aeron's default, 16, otherwise). */
    public static final String MAX_RESEND = "max-resend";
    private static final Set<String> BOOLEANS = Set.of(RELIABLE, TETHER, REJOIN, END_OF_STREAM, SPARSE, SPIES_SIMULATE_CONNECTION);
    /** Parameters that are sizes, each with its smallest and largest value. */
    private static final Map<String, long[]> SIZES = Map.of(
        RECEIVER_WINDOW, new long[] {4096, 1L << 30},
        SOCKET_SEND_BUFFER, new long[] {4096, 1L << 30},
        SOCKET_RECEIVE_BUFFER, new long[] {4096, 1L << 30},
        PUBLICATION_WINDOW, new long[] {4096, 1L << 29});
    /** Parameters that are durations, each with its largest value in nanoseconds. */
    private static final Map<String, Long> DURATIONS = Map.of(
        NAK_DELAY, 1_000_000_000L,
        LINGER, 3_600_000_000_000L,
        UNTETHERED_WINDOW_LIMIT_TIMEOUT, MAX_UNTETHERED_TIMEOUT_NANOS,
        UNTETHERED_RESTING_TIMEOUT, MAX_UNTETHERED_TIMEOUT_NANOS);

    /** The parameters that only a publication's log has: a subscription ignores them. */
    static final Set<String> PUBLICATION_ONLY = Set.of(TERM_LENGTH, MTU, "fc", "ttl");
    /** Aeron's parameters that a channel may not name yet, with what to do instead: refused, never silently ignored. */
    private static final Map<String, String> NOT_YET_SUPPORTED = Map.of();
    private static final Set<String> IPC_KEYS = Set.of(TERM_LENGTH, MTU, "alias", INIT_TERM_ID, TERM_ID, TERM_OFFSET, TETHER,
        UNTETHERED_WINDOW_LIMIT_TIMEOUT, UNTETHERED_RESTING_TIMEOUT, REJOIN, LINGER, SPARSE, PUBLICATION_WINDOW);
    private static final Set<String> UDP_KEYS = Set.of(TERM_LENGTH, MTU, ENDPOINT, "interface", CONTROL, CONTROL_MODE, "ttl", SESSION_ID,
        "alias", "fc", INIT_TERM_ID, TERM_ID, TERM_OFFSET, "source",
        "crc", "auth", RELIABLE, RECEIVER_WINDOW, NAK_DELAY, TETHER, UNTETHERED_WINDOW_LIMIT_TIMEOUT, UNTETHERED_RESTING_TIMEOUT, REJOIN,
        SOCKET_SEND_BUFFER, SOCKET_RECEIVE_BUFFER, LINGER, END_OF_STREAM, SPARSE, PUBLICATION_WINDOW, SPIES_SIMULATE_CONNECTION, MAX_RESEND);

    /** The prefix that makes a subscription a spy on a local UDP publication, e.g. {@code nano-spy:nano:udp?endpoint=h:p}. */
    public static final String SPY_PREFIX = "nano-spy:";
    private static final String AERON_SPY_PREFIX = "aeron-spy:";

    private final String media;
    private final Map<String, String> params;
    private final boolean spy;

    private ChannelUri(final String media, final Map<String, String> params, final boolean spy)
    {
        this.spy = spy;
        this.media = media;
        this.params = params;
    }

    /**
     * Parses and checks a channel.
     *
     * @param channel the URI.
     * @return the parsed channel.
     * @throws IllegalArgumentException naming what is wrong and showing a valid form.
     */
    public static ChannelUri parse(final String channel)
    {
        if (channel == null || channel.isBlank())
        {
            throw invalid(channel, "it is empty");
        }
        String text = channel.trim();
        final boolean spy = text.startsWith(SPY_PREFIX) || text.startsWith(AERON_SPY_PREFIX);
        if (spy)
        {
            text = text.substring(text.indexOf(':') + 1);
        }
        final int colon = text.indexOf(':');
        if (colon < 0)
        {
            throw invalid(channel, "it has no scheme");
        }
        final String scheme = text.substring(0, colon);
        if (!scheme.equals("nano") && !scheme.equals("aeron"))
        {
            throw invalid(channel, "the scheme is '" + scheme + "', not 'nano'");
        }
        final int question = text.indexOf('?', colon);
        final String media = (question < 0 ? text.substring(colon + 1) : text.substring(colon + 1, question)).toLowerCase(Locale.ROOT);
        if (!media.equals("ipc") && !media.equals("udp"))
        {
            throw invalid(channel, "the media is '" + media + "'; use ipc or udp");
        }
        final Map<String, String> params = new LinkedHashMap<>();
        if (question >= 0 && question < text.length() - 1)
        {
            for (final String pair : text.substring(question + 1).split("\\|"))
            {
                final int equals = pair.indexOf('=');
                final String key = equals < 0 ? "" : pair.substring(0, equals).trim();
                final String value = equals < 0 ? "" : pair.substring(equals + 1).trim();
                if (key.isEmpty() || value.isEmpty())
                {
                    // blank keys or values would print a canonical form that no longer parses
                    throw invalid(channel, "parameter '" + pair + "' is not key=value");
                }
                final String notYet = NOT_YET_SUPPORTED.get(key);
                if (notYet != null)
                {
                    throw invalid(channel, key + "= is not supported yet: " + notYet);
                }
                final Set<String> known = media.equals("ipc") ? IPC_KEYS : UDP_KEYS;
                if (!known.contains(key))
                {
                    throw invalid(channel, "unknown parameter '" + key + "' for " + media + "; known: " + String.join(", ", known));
                }
                if (params.put(key, value) != null)
                {
                    throw invalid(channel, "parameter '" + key + "' is given twice");
                }
            }
        }
        final ChannelUri uri = new ChannelUri(media, params, spy);
        if (spy && !media.equals("udp"))
        {
            throw invalid(channel, "a spy reads a local udp publication; spy on nano:udp?endpoint=host:port");
        }
        if (params.containsKey(TERM_LENGTH))
        {
            final long termLength = parseSize(channel, TERM_LENGTH, params.get(TERM_LENGTH));
            if (termLength > LogLayout.TERM_MAX_LENGTH)
            {
                throw invalid(channel, "term-length " + termLength + " is over 1g");
            }
            try
            {
                LogLayout.checkTermLength((int)termLength);
            }
            catch (final IllegalArgumentException ex)
            {
                throw invalid(channel, ex.getMessage());
            }
        }
        if (params.containsKey(MTU))
        {
            final long mtu = parseSize(channel, MTU, params.get(MTU));
            try
            {
                FrameHeader.checkMtu((int)Math.min(mtu, Integer.MAX_VALUE));
            }
            catch (final IllegalArgumentException ex)
            {
                throw invalid(channel, ex.getMessage());
            }
        }
        checkStartPosition(channel, params);
        for (final String key : BOOLEANS)
        {
            final String value = params.get(key);
            if (value != null && !value.equals("true") && !value.equals("false"))
            {
                throw invalid(channel, key + " must be true or false, was '" + value + "'" + (key.equals(RELIABLE) ?
                    " (true NAKs gaps, the default; false skips them)" : key.equals(TETHER) ? " (false lets the publisher leave a slow " +
                    "subscription behind)" : ""));
            }
        }
        for (final Map.Entry<String, long[]> size : SIZES.entrySet())
        {
            final String value = params.get(size.getKey());
            if (value != null)
            {
                final long bytes = parseSize(channel, size.getKey(), value);
                if (bytes < size.getValue()[0] || bytes > size.getValue()[1])
                {
                    throw invalid(channel, size.getKey() + " " + value + " is out of range: from " + sizeText(size.getValue()[0]) + " to " +
                        sizeText(size.getValue()[1]));
                }
            }
        }
        for (final Map.Entry<String, Long> duration : DURATIONS.entrySet())
        {
            if (params.containsKey(duration.getKey()))
            {
                parseNanos(channel, duration.getKey(), params.get(duration.getKey()), duration.getValue());
            }
        }
        if (params.containsKey(MAX_RESEND))
        {
            maxResend(channel, params.get(MAX_RESEND));
        }
        checkControlMode(channel, params);
        if (media.equals("udp") && !params.containsKey(ENDPOINT) && !params.containsKey(CONTROL_MODE))
        {
            throw invalid(channel, "a udp channel needs endpoint=host:port, or control-mode= for multi-destination-cast");
        }
        return uri;
    }

    private static void checkControlMode(final String channel, final Map<String, String> params)
    {
        final String mode = params.get(CONTROL_MODE);
        if (mode == null)
        {
            return;
        }
        if (!mode.equals(CONTROL_MODE_DYNAMIC) && !mode.equals(CONTROL_MODE_MANUAL))
        {
            throw invalid(channel, "control-mode=" + mode + " is not a mode; use control-mode=dynamic (receivers join at control=host:port) " +
                "or control-mode=manual (add destinations with addDestination)" + (mode.equals("response") ? "; response channels are " +
                "not supported yet" : ""));
        }
        if (mode.equals(CONTROL_MODE_DYNAMIC) && !params.containsKey(CONTROL))
        {
            throw invalid(channel, "control-mode=dynamic needs control=host:port, the address receivers send status messages to");
        }
        if (params.containsKey(ENDPOINT))
        {
            throw invalid(channel, "control-mode=" + mode + " sends to destinations, not to endpoint=; drop endpoint= (" +
                (mode.equals(CONTROL_MODE_DYNAMIC) ? "receivers subscribe with endpoint=their-host:port|control=" + params.get(CONTROL) :
                "add each receiver with addDestination(\"nano:udp?endpoint=host:port\")") + ")");
        }
    }

    /**
     * Whether this is a spy: a subscription that reads a local UDP publication's log directly.
     *
     * @return true for {@code nano-spy:} (or {@code aeron-spy:}) channels.
     */
    public boolean isSpy()
    {
        return spy;
    }

    /**
     * The media: {@code ipc} or {@code udp}.
     *
     * @return the media.
     */
    public String media()
    {
        return media;
    }

    /**
     * Whether this is an IPC channel.
     *
     * @return true for {@code ipc}.
     */
    public boolean isIpc()
    {
        return media.equals("ipc");
    }

    /**
     * A parameter's raw value.
     *
     * @param key the parameter.
     * @return its value, or null.
     */
    public String get(final String key)
    {
        return params.get(key);
    }

    /**
     * The term length asked for.
     *
     * @param defaultValue used when the channel does not say.
     * @return bytes.
     */
    public int termLength(final int defaultValue)
    {
        return params.containsKey(TERM_LENGTH) ? (int)parseSize(null, TERM_LENGTH, params.get(TERM_LENGTH)) : defaultValue;
    }

    /**
     * The MTU asked for.
     *
     * @param defaultValue used when the channel does not say.
     * @return bytes.
     */
    public int mtu(final int defaultValue)
    {
        return params.containsKey(MTU) ? (int)parseSize(null, MTU, params.get(MTU)) : defaultValue;
    }

    /**
     * Whether the channel says where an exclusive publication's log starts ({@link #INIT_TERM_ID}, {@link #TERM_ID},
     * {@link #TERM_OFFSET}): as a recording is continued after a restart, at the position it stopped.
     *
     * @return true if it does (all three are there; parsing refuses a channel with only some).
     */
    public boolean hasStartPosition()
    {
        return params.containsKey(INIT_TERM_ID);
    }

    /**
     * The initial term id of the start position.
     *
     * @return it.
     * @throws IllegalStateException without {@link #hasStartPosition()}.
     */
    public int initialTermId()
    {
        return startParameter(INIT_TERM_ID);
    }

    /**
     * The term id of the start position.
     *
     * @return it.
     * @throws IllegalStateException without {@link #hasStartPosition()}.
     */
    public int termId()
    {
        return startParameter(TERM_ID);
    }

    /**
     * The term offset of the start position.
     *
     * @return it.
     * @throws IllegalStateException without {@link #hasStartPosition()}.
     */
    public int termOffset()
    {
        return startParameter(TERM_OFFSET);
    }

    /**
     * This channel as a subscription names it: without the parameters only a publication's log has (term length, MTU,
     * flow control, TTL), which a subscription ignores and warns about.
     *
     * @return the channel for a subscription; this one if it has none of them.
     */
    public ChannelUri forSubscription()
    {
        if (params.keySet().stream().noneMatch(PUBLICATION_ONLY::contains))
        {
            return this;
        }
        final Map<String, String> kept = new LinkedHashMap<>(params);
        kept.keySet().removeAll(PUBLICATION_ONLY);
        return new ChannelUri(media, kept, spy);
    }

    /**
     * The parameters, in the order given.
     *
     * @return an unmodifiable view.
     */
    public Map<String, String> params()
    {
        return Map.copyOf(params);
    }

    @Override
    public String toString()
    {
        final StringBuilder out = new StringBuilder(spy ? SPY_PREFIX + "nano:" : "nano:").append(media);
        char separator = '?';
        for (final Map.Entry<String, String> param : params.entrySet())
        {
            out.append(separator).append(param.getKey()).append('=').append(param.getValue());
            separator = '|';
        }
        return out.toString();
    }

    private int startParameter(final String key)
    {
        if (!hasStartPosition())
        {
            throw new IllegalStateException(this + " names no start position");
        }
        return Integer.parseInt(params.get(key));
    }

    /** All three start parameters or none; ids are ints; the offset frame-aligned, within the term; the term not before the first. */
    private static void checkStartPosition(final String channel, final Map<String, String> params)
    {
        final int given = (params.containsKey(INIT_TERM_ID) ? 1 : 0) + (params.containsKey(TERM_ID) ? 1 : 0) +
            (params.containsKey(TERM_OFFSET) ? 1 : 0);
        if (given == 0)
        {
            return;
        }
        if (given != 3)
        {
            throw invalid(channel, "a start position needs all of init-term-id, term-id and term-offset (e.g. " +
                "init-term-id=7|term-id=9|term-offset=4096)");
        }
        final int initialTermId = parseInt(channel, INIT_TERM_ID, params.get(INIT_TERM_ID));
        final int termId = parseInt(channel, TERM_ID, params.get(TERM_ID));
        final int termOffset = parseInt(channel, TERM_OFFSET, params.get(TERM_OFFSET));
        if (termId - initialTermId < 0)
        {
            throw invalid(channel, "term-id " + termId + " comes before init-term-id " + initialTermId + ", or 2^31 terms or more " +
                "after it (term ids count up from the initial one, and may wrap)");
        }
        final long termLength = params.containsKey(TERM_LENGTH) ? parseSize(channel, TERM_LENGTH, params.get(TERM_LENGTH)) :
            LogLayout.TERM_MAX_LENGTH;
        if (termOffset < 0 || termOffset > termLength || (termOffset & (FrameHeader.ALIGNMENT - 1)) != 0)
        {
            throw invalid(channel, "term-offset " + termOffset + " is not a frame start: a multiple of " + FrameHeader.ALIGNMENT +
                " from 0 to the term length" + (params.containsKey(TERM_LENGTH) ? " (" + termLength + ")" : ""));
        }
    }

    /**
     * A subscription's receiver window ({@code rcv-wnd=}).
     *
     * @param otherwise the driver's default.
     * @return the window in bytes, or {@code otherwise} if the channel does not set it.
     */
    public int receiverWindow(final int otherwise)
    {
        return (int)size(RECEIVER_WINDOW, otherwise);
    }

    /**
     * A subscription's NAK delay ({@code nak-delay=}).
     *
     * @param otherwise the driver's default, in nanoseconds.
     * @return the delay in nanoseconds, or {@code otherwise} if the channel does not set it.
     */
    public long nakDelayNanos(final long otherwise)
    {
        return nanos(NAK_DELAY, otherwise);
    }

    /**
     * How many resends a UDP publication keeps in flight at once ({@code max-resend=}).
     *
     * @param otherwise the value if it is not given.
     * @return 1 to 64.
     */
    public int maxResend(final int otherwise)
    {
        final String value = params.get(MAX_RESEND);
        return value == null ? otherwise : maxResend(toString(), value);
    }

    private static int maxResend(final String channel, final String value)
    {
        try
        {
            final int resends = Integer.parseInt(value);
            if (resends >= 1 && resends <= 64)
            {
                return resends;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // refused below
        }
        throw invalid(channel, "max-resend " + value + " is out of range: from 1 to 64 resends in flight");
    }

    /**
     * Whether a subscription holds its publisher back ({@code tether=}).
     *
     * @return false for {@code tether=false}.
     */
    public boolean isTethered()
    {
        return !"false".equals(params.get(TETHER));
    }

    /**
     * How long an untethered subscription may hold its publisher at the window before it is left behind.
     *
     * @return nanoseconds; Aeron's 5 s if not given.
     */
    public long untetheredWindowLimitTimeoutNanos()
    {
        return nanos(UNTETHERED_WINDOW_LIMIT_TIMEOUT, DEFAULT_UNTETHERED_WINDOW_LIMIT_TIMEOUT_NANOS);
    }

    /**
     * How long a left-behind untethered subscription rests before it rejoins.
     *
     * @return nanoseconds; Aeron's 10 s if not given.
     */
    public long untetheredRestingTimeoutNanos()
    {
        return nanos(UNTETHERED_RESTING_TIMEOUT, DEFAULT_UNTETHERED_RESTING_TIMEOUT_NANOS);
    }

    /**
     * Whether a left-behind untethered subscription rejoins at the live position after resting.
     *
     * @return false for {@code rejoin=false}.
     */
    public boolean rejoin()
    {
        return !"false".equals(params.get(REJOIN));
    }

    /**
     * A size parameter's value.
     *
     * @param key       one of the size parameters, e.g. {@link #SOCKET_SEND_BUFFER} or {@link #PUBLICATION_WINDOW}.
     * @param otherwise the value if it is not given.
     * @return bytes.
     */
    public long size(final String key, final long otherwise)
    {
        final String value = params.get(key);
        return value == null ? otherwise : parseSize(toString(), key, value);
    }

    /**
     * A duration parameter's value.
     *
     * @param key       one of the duration parameters, e.g. {@link #LINGER} or {@link #NAK_DELAY}.
     * @param otherwise the value if it is not given.
     * @return nanoseconds.
     */
    public long nanos(final String key, final long otherwise)
    {
        final String value = params.get(key);
        return value == null ? otherwise : parseNanos(toString(), key, value, DURATIONS.getOrDefault(key, Long.MAX_VALUE));
    }

    /**
     * A true-or-false parameter's value.
     *
     * @param key       one of them, e.g. {@link #END_OF_STREAM} or {@link #SPARSE}.
     * @param otherwise the value if it is not given.
     * @return its value.
     */
    public boolean flag(final String key, final boolean otherwise)
    {
        final String value = params.get(key);
        return value == null ? otherwise : value.equals("true");
    }

    private static String sizeText(final long bytes)
    {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + "g" : bytes % (1 << 20) == 0 ? bytes / (1 << 20) + "m" : bytes / 1024 + "k";
    }

    /** A duration: a number of nanoseconds, or one with a unit, {@code ns}, {@code us}, {@code ms} or {@code s}. */
    private static long parseNanos(final String channel, final String key, final String value, final long max)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        final int unitAt = text.length() - (text.endsWith("ns") || text.endsWith("us") || text.endsWith("ms") ? 2 : text.endsWith("s") ? 1 : 0);
        final String unit = text.substring(unitAt);
        final long nanosPerUnit = switch (unit)
        {
            case "", "ns" -> 1L;
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            default -> 1_000_000_000L;
        };
        try
        {
            final long nanos = Math.multiplyExact(Long.parseLong(text.substring(0, unitAt)), nanosPerUnit);
            if (nanos >= 0 && nanos <= max)
            {
                return nanos;
            }
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw invalid(channel, key + " '" + value + "' is not a duration like 100us, 2ms or 250000 (nanoseconds)");
        }
        throw invalid(channel, key + " " + value + " is out of range: from 0 to " + (max / 1_000_000_000L) + "s");
    }

    private static int parseInt(final String channel, final String key, final String value)
    {
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw invalid(channel, key + " '" + value + "' is not an int");
        }
    }

    static long parseSize(final String channel, final String key, final String value)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        long multiplier = 1;
        String digits = text;
        if (text.endsWith("k") || text.endsWith("m") || text.endsWith("g"))
        {
            multiplier = text.endsWith("k") ? 1024 : text.endsWith("m") ? 1024 * 1024 : 1024L * 1024 * 1024;
            digits = text.substring(0, text.length() - 1);
        }
        try
        {
            final long number = Long.parseLong(digits);
            if (number <= 0)
            {
                throw invalid(channel, key + " must be positive, was " + value);
            }
            return Math.multiplyExact(number, multiplier);
        }
        catch (final NumberFormatException | ArithmeticException ex)
        {
            throw invalid(channel, key + " '" + value + "' is not a size like 65536, 64k or 16m");
        }
    }

    private static IllegalArgumentException invalid(final String channel, final String problem)
    {
        return new IllegalArgumentException("invalid channel '" + channel + "': " + problem +
            "; e.g. nano:ipc, nano:ipc?term-length=64k|mtu=8k, nano:udp?endpoint=localhost:40123");
    }
}
