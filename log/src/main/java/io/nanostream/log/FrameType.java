package io.nanostream.log;

/**
 * The frame types of Aeron's protocol, the one set of them in Nano-Stream: the 16-bit type at offset 6 of
 * every frame's header, in a log and on the wire. A log holds only {@link #PAD} and {@link #DATA}; the
 * others are UDP control frames.
 */
public final class FrameType
{
    /** Padding: the rest of a term, or a frame a dead publisher left unfinished. */
    public static final int PAD = 0x00;
    /** A message or a fragment of one; with length 0, a heartbeat. */
    public static final int DATA = 0x01;
    /** A receiver asks for a range again. */
    public static final int NAK = 0x02;
    /** A receiver's status message: consumption position and window. */
    public static final int SM = 0x03;
    /** An error report. */
    public static final int ERR = 0x04;
    /** A sender describes its stream to new receivers. */
    public static final int SETUP = 0x05;
    /** A round-trip time measurement. */
    public static final int RTTM = 0x06;
    /** A response channel's setup (recognised, not used). */
    public static final int RSP_SETUP = 0x0B;

    private FrameType()
    {
    }

    /**
     * A name for a type, for counters, logs and the loss-injection settings.
     *
     * @param type the type.
     * @return its lower-case name, or {@code type-N}.
     */
    public static String name(final int type)
    {
        return switch (type)
        {
            case PAD -> "pad";
            case DATA -> "data";
            case NAK -> "nak";
            case SM -> "sm";
            case ERR -> "err";
            case SETUP -> "setup";
            case RTTM -> "rttm";
            case RSP_SETUP -> "rsp-setup";
            default -> "type-" + type;
        };
    }

    /**
     * The type a name stands for: the inverse of {@link #name}.
     *
     * @param name pad, data, nak, sm, err, setup, rttm or rsp-setup (any case).
     * @return the type.
     * @throws IllegalArgumentException naming the valid names.
     */
    public static int byName(final String name)
    {
        for (final int type : new int[] {PAD, DATA, NAK, SM, ERR, SETUP, RTTM, RSP_SETUP})
        {
            if (name(type).equalsIgnoreCase(name.trim()))
            {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown frame type '" + name +
            "'; use pad, data, nak, sm, err, setup, rttm or rsp-setup");
    }
}
