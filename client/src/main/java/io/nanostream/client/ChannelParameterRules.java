package io.nanostream.client;

import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogLayout;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.nanostream.client.ChannelUri.*;

/**
 * The rules a channel's parameters keep: which keys each media takes, and the form and range of each value (sizes with
 * k, m and g; durations with ns, us, ms and s; flags; a start position's three parts; the multi-destination-cast
 * modes). {@link ChannelUri#parse} checks the syntax and asks this for the rest, so that a channel that parses is
 * whole; its accessors read values through the same parsers. Each refusal names the channel, the problem and a
 * valid form. Stateless.
 */
final class ChannelParameterRules
{
    private static final long MAX_UNTETHERED_TIMEOUT_NANOS = 3_600_000_000_000L;
    private static final Set<String> BOOLEANS = Set.of(RELIABLE, TETHER, REJOIN, END_OF_STREAM, SPARSE,
        SPIES_SIMULATE_CONNECTION);
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

    /** Aeron's parameters that a channel may not name yet, with what to do instead: refused, never silently ignored. */
    private static final Map<String, String> NOT_YET_SUPPORTED = Map.of();
    private static final Set<String> IPC_KEYS = Set.of(TERM_LENGTH, MTU, "alias", INIT_TERM_ID, TERM_ID, TERM_OFFSET,
        TETHER, UNTETHERED_WINDOW_LIMIT_TIMEOUT, UNTETHERED_RESTING_TIMEOUT, REJOIN, LINGER, SPARSE,
        PUBLICATION_WINDOW);
    private static final Set<String> UDP_KEYS = Set.of(TERM_LENGTH, MTU, ENDPOINT, "interface", CONTROL, CONTROL_MODE,
        "ttl", SESSION_ID, "alias", "fc", INIT_TERM_ID, TERM_ID, TERM_OFFSET, "source", "crc", "auth", RELIABLE,
        RECEIVER_WINDOW, NAK_DELAY, TETHER, UNTETHERED_WINDOW_LIMIT_TIMEOUT, UNTETHERED_RESTING_TIMEOUT, REJOIN,
        SOCKET_SEND_BUFFER, SOCKET_RECEIVE_BUFFER, LINGER, END_OF_STREAM, SPARSE, PUBLICATION_WINDOW,
        SPIES_SIMULATE_CONNECTION, MAX_RESEND);

    private ChannelParameterRules()
    {
    }

    /**
     * Refuses a key the media does not take, or one not supported yet.
     *
     * @param channel the channel, for the message.
     * @param media   {@code ipc} or {@code udp}.
     * @param key     the parameter's key.
     */
    static void checkKey(final String channel, final String media, final String key)
    {
        final String notYet = NOT_YET_SUPPORTED.get(key);
        if (notYet != null)
        {
            throw invalid(channel, key + "= is not supported yet: " + notYet);
        }
        final Set<String> known = media.equals("ipc") ? IPC_KEYS : UDP_KEYS;
        if (!known.contains(key))
        {
            throw invalid(channel, "unknown parameter '" + key + "' for " + media + "; known: " +
                String.join(", ", known));
        }
    }

    /**
     * Refuses a value out of its form or range, or parameters that do not go together.
     *
     * @param channel the channel, for the message.
     * @param media   {@code ipc} or {@code udp}.
     * @param params  the parameters, each key checked.
     * @param spy     whether the channel is a spy's.
     */
    static void checkValues(final String channel, final String media, final Map<String, String> params,
        final boolean spy)
    {
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
                    " (true NAKs gaps, the default; false skips them)" : key.equals(TETHER) ?
                    " (false lets the publisher leave a slow " + "subscription behind)" : ""));
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
                    throw invalid(channel, size.getKey() + " " + value + " is out of range: from " +
                        sizeText(size.getValue()[0]) + " to " + sizeText(size.getValue()[1]));
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
            throw invalid(channel,
                "a udp channel needs endpoint=host:port, or control-mode= for multi-destination-cast");
        }
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
            throw invalid(channel, "control-mode=" + mode +
                " is not a mode; use control-mode=dynamic (receivers join at control=host:port) " +
                "or control-mode=manual (add destinations with addDestination)" + (mode.equals("response") ?
                "; response channels are " + "not supported yet" : ""));
        }
        if (mode.equals(CONTROL_MODE_DYNAMIC) && !params.containsKey(CONTROL))
        {
            throw invalid(channel,
                "control-mode=dynamic needs control=host:port, the address receivers send status messages to");
        }
        if (params.containsKey(ENDPOINT))
        {
            throw invalid(channel, "control-mode=" + mode +
                " sends to destinations, not to endpoint=; drop endpoint= (" + (mode.equals(CONTROL_MODE_DYNAMIC) ?
                "receivers subscribe with endpoint=their-host:port|control=" +
                params.get(CONTROL) : "add each receiver with addDestination(\"nano:udp?endpoint=host:port\")") + ")");
        }
    }

    /**
     * All three start parameters or none; ids are ints; the offset frame-aligned, within the term;
     * the term not before the first.
     */
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
            throw invalid(channel, "term-id " + termId + " comes before init-term-id " + initialTermId +
                ", or 2^31 terms or more " + "after it (term ids count up from the initial one, and may wrap)");
        }
        final long termLength = params.containsKey(TERM_LENGTH) ? parseSize(channel, TERM_LENGTH,
            params.get(TERM_LENGTH)) : LogLayout.TERM_MAX_LENGTH;
        if (termOffset < 0 || termOffset > termLength || (termOffset & (FrameHeader.ALIGNMENT - 1)) != 0)
        {
            throw invalid(channel, "term-offset " + termOffset + " is not a frame start: a multiple of " +
                FrameHeader.ALIGNMENT + " from 0 to the term length" + (params.containsKey(TERM_LENGTH) ? " (" +
                termLength + ")" : ""));
        }
    }

    static int maxResend(final String channel, final String value)
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

    private static String sizeText(final long bytes)
    {
        return bytes % (1L << 30) == 0 ? bytes / (1L << 30) + "g" : bytes % (1 << 20) == 0 ? bytes / (1 << 20) +
            "m" : bytes / 1024 + "k";
    }

    /** A duration: a number of nanoseconds, or one with a unit, {@code ns}, {@code us}, {@code ms} or {@code s}. */
    static long parseNanos(final String channel, final String key, final String value)
    {
        return parseNanos(channel, key, value, DURATIONS.getOrDefault(key, Long.MAX_VALUE));
    }

    private static long parseNanos(final String channel, final String key, final String value, final long max)
    {
        final String text = value.toLowerCase(Locale.ROOT);
        final int unitAt = text.length() - (text.endsWith("ns") || text.endsWith("us") || text.endsWith("ms") ?
            2 : text.endsWith("s") ? 1 : 0);
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

    static IllegalArgumentException invalid(final String channel, final String problem)
    {
        return new IllegalArgumentException("invalid channel '" + channel + "': " + problem +
            "; e.g. nano:ipc, nano:ipc?term-length=64k|mtu=8k, nano:udp?endpoint=localhost:40123");
    }
}
