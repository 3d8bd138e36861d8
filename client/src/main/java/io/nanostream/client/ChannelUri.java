package io.nanostream.client;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A channel, written as a URI: {@code nano:ipc}, {@code nano:ipc?term-length=64k|mtu=8k}, or (for the
 * UDP transport) {@code nano:udp?endpoint=host:port}. Parameters are {@code key=value} pairs separated
 * by {@code |}; sizes take the suffixes k, m and g. {@code aeron:} is accepted for {@code nano:}. This class names
 * the parameters and reads them; {@code ChannelParameterRules} holds what each value must be. Immutable.
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
    /**
     * An exclusive publication's initial term id: with {@link #TERM_ID} and {@link #TERM_OFFSET}, where its log starts.
     */
    public static final String INIT_TERM_ID = "init-term-id";
    /**
     * An exclusive publication's first term id: with {@link #INIT_TERM_ID} and {@link
     * #TERM_OFFSET}, where its log starts.
     */
    public static final String TERM_ID = "term-id";
    /** An exclusive publication's first offset in its first term: with {@link #INIT_TERM_ID} and {@link #TERM_ID}. */
    public static final String TERM_OFFSET = "term-offset";
    /**
     * A UDP subscription's repair: {@code true} (the default) NAKs gaps; {@code false} skips them,
     * and the loss report records them.
     */
    public static final String RELIABLE = "reliable";
    /** A UDP subscription's receiver window, the most its sender may send beyond what it has consumed: 4k to 1g. */
    public static final String RECEIVER_WINDOW = "rcv-wnd";
    /**
     * How long a UDP subscription waits before it NAKs a new gap (for reordered frames): {@code 0} to
     * {@code 1s}, e.g. {@code 100us}.
     */
    public static final String NAK_DELAY = "nak-delay";
    /**
     * The control address: on a multi-destination-cast publication the address its socket binds, where receivers send
     * status messages; on a subscription, the publication's control address, which it asks to be sent to.
     */
    public static final String CONTROL = "control";
    /**
     * A publication's multi-destination-cast mode: {@link #CONTROL_MODE_DYNAMIC} (receivers join by sending
     * status messages to its {@link #CONTROL} address) or {@link #CONTROL_MODE_MANUAL} (the application
     * adds and removes destinations).
     */
    public static final String CONTROL_MODE = "control-mode";
    /** {@link #CONTROL_MODE}: destinations are the receivers heard from at the control address. */
    public static final String CONTROL_MODE_DYNAMIC = "dynamic";
    /** {@link #CONTROL_MODE}: destinations are those the application adds with {@code Publication.addDestination}. */
    public static final String CONTROL_MODE_MANUAL = "manual";
    /**
     * A subscription's tether: {@code true} (the default) holds its publisher back while it reads; {@code false} lets
     * the publisher leave it behind once it has held the publisher at its window for {@link
     * #UNTETHERED_WINDOW_LIMIT_TIMEOUT}.
     */
    public static final String TETHER = "tether";
    /**
     * How long an untethered subscription may hold its publisher at the window before it is left behind (default 5s).
     */
    public static final String UNTETHERED_WINDOW_LIMIT_TIMEOUT = "untethered-window-limit-timeout";
    /** How long a left-behind untethered subscription rests before it rejoins at the live position (default 10s). */
    public static final String UNTETHERED_RESTING_TIMEOUT = "untethered-resting-timeout";
    /**
     * Whether a left-behind untethered subscription rejoins after resting: {@code true} (the default) or {@code false}.
     */
    public static final String REJOIN = "rejoin";
    /** Aeron's default for {@link #UNTETHERED_WINDOW_LIMIT_TIMEOUT}. */
    public static final long DEFAULT_UNTETHERED_WINDOW_LIMIT_TIMEOUT_NANOS = 5_000_000_000L;
    /** Aeron's default for {@link #UNTETHERED_RESTING_TIMEOUT}. */
    public static final long DEFAULT_UNTETHERED_RESTING_TIMEOUT_NANOS = 10_000_000_000L;
    /**
     * A UDP channel's socket send buffer, asked of the kernel: 4k to 1g (the kernel may cap
     * it; the driver logs what it got).
     */
    public static final String SOCKET_SEND_BUFFER = "so-sndbuf";
    /** A UDP channel's socket receive buffer, asked of the kernel: 4k to 1g. */
    public static final String SOCKET_RECEIVE_BUFFER = "so-rcvbuf";
    /** How long a publication's log lingers after its last publisher and subscriber are done: 0 to 1h. */
    public static final String LINGER = "linger";
    /**
     * Whether a UDP publication tells its receivers of its end when it closes: {@code true}
     * (the default) or {@code false}.
     */
    public static final String END_OF_STREAM = "eos";
    /** Whether a publication's log file is left sparse rather than written through at creation. */
    public static final String SPARSE = "sparse";
    /** A publication's window, how far publishers may go past the sender or slowest subscriber: 4k to half the term. */
    public static final String PUBLICATION_WINDOW = "pub-wnd";
    /**
     * A UDP publication's spies count as a connection: publishers may offer with no receiver, and spies hold them back.
     */
    public static final String SPIES_SIMULATE_CONNECTION = "ssc";
    /** How many resends a UDP publication keeps in flight at once: 1 to 64 (Aeron's default, 16, otherwise). */
    public static final String MAX_RESEND = "max-resend";
    /** The parameters that only a publication's log has: a subscription ignores them. */
    static final Set<String> PUBLICATION_ONLY = Set.of(TERM_LENGTH, MTU, "fc", "ttl");
    /**
     * The prefix that makes a subscription a spy on a local UDP publication, e.g. {@code
     * nano-spy:nano:udp?endpoint=h:p}.
     */
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
            throw ChannelParameterRules.invalid(channel, "it is empty");
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
            throw ChannelParameterRules.invalid(channel, "it has no scheme");
        }
        final String scheme = text.substring(0, colon);
        if (!scheme.equals("nano") && !scheme.equals("aeron"))
        {
            throw ChannelParameterRules.invalid(channel, "the scheme is '" + scheme + "', not 'nano'");
        }
        final int question = text.indexOf('?', colon);
        final String media = (question < 0 ? text.substring(colon + 1) : text.substring(colon + 1,
            question)).toLowerCase(Locale.ROOT);
        if (!media.equals("ipc") && !media.equals("udp"))
        {
            throw ChannelParameterRules.invalid(channel, "the media is '" + media + "'; use ipc or udp");
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
                    throw ChannelParameterRules.invalid(channel, "parameter '" + pair + "' is not key=value");
                }
                ChannelParameterRules.checkKey(channel, media, key);
                if (params.put(key, value) != null)
                {
                    throw ChannelParameterRules.invalid(channel, "parameter '" + key + "' is given twice");
                }
            }
        }
        ChannelParameterRules.checkValues(channel, media, params, spy);
        return new ChannelUri(media, params, spy);
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
        return params.containsKey(TERM_LENGTH) ? (int)ChannelParameterRules.parseSize(null, TERM_LENGTH,
            params.get(TERM_LENGTH)) : defaultValue;
    }

    /**
     * The MTU asked for.
     *
     * @param defaultValue used when the channel does not say.
     * @return bytes.
     */
    public int mtu(final int defaultValue)
    {
        return params.containsKey(MTU) ? (int)ChannelParameterRules.parseSize(null, MTU,
            params.get(MTU)) : defaultValue;
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
        return value == null ? otherwise : ChannelParameterRules.maxResend(toString(), value);
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
        return value == null ? otherwise : ChannelParameterRules.parseSize(toString(), key, value);
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
        return value == null ? otherwise : ChannelParameterRules.parseNanos(toString(), key, value);
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
}
