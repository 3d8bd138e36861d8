package io.nanostream.client.protocol;

import java.util.ArrayList;
import java.util.List;

/** The type ids of the driver's counters. */
public final class CounterTypes
{
    /** Driver-wide statistics (errors, clients, ...). */
    public static final int SYSTEM = 0;
    /** How far a publication's publishers may go. */
    public static final int PUBLISHER_LIMIT = 1;
    /** How far a publication's publishers have gone, sampled by the driver. */
    public static final int PUBLISHER_POSITION = 2;
    /** How far one subscriber has read one image. */
    public static final int SUBSCRIBER_POSITION = 3;
    /** Offers refused because subscribers were behind. */
    public static final int BACK_PRESSURE_EVENTS = 4;
    /** How far a UDP sender has sent a publication. */
    public static final int SENDER_POSITION = 5;
    /** How far flow control lets a UDP sender go. */
    public static final int SENDER_LIMIT = 6;
    /** The highest position a UDP receiver has seen of an image. */
    public static final int RECEIVER_HWM = 7;
    /** How far a UDP receiver has an image complete, without gaps. */
    public static final int RECEIVER_POSITION = 8;
    /** Events on one UDP channel: NAKs, retransmits, status messages, loss. */
    public static final int CHANNEL_EVENTS = 9;
    /** A driver-wide level that goes up and down (clients, publications, subscriptions): it has no rate. */
    public static final int GAUGE = 10;
    /** An opt-in native feature (affinity, ...): 1 on, 0 off; the label says what it does or why it is off. */
    public static final int FEATURE = 11;
    /**
     * A client's heartbeat: the client writes a rising epoch-millisecond time into it every keepalive interval, and the
     * driver counts the client alive while it moves. Registration id and owner: the client id.
     */
    public static final int CLIENT_HEARTBEAT = 12;
    /** A destination a multi-destination-cast publication sends to; its value is 1 while it does. */
    public static final int MDC_DESTINATION = 13;
    /** An untethered subscriber's state: 0 active, 1 left behind, 2 resting. */
    public static final int UNTETHERED_SUBSCRIBER = 14;
    /** A client's duty cycles over its threshold ({@code ClientContext.dutyCycleThreshold}); the client writes it. */
    public static final int CLIENT_SLOW_CYCLES = 15;
    /** One more than the highest type id that has a name. */
    private static final int TYPES_NAMED = 16;

    /**
     * Whether a rate means something for a type: counts and positions have one (events or bytes per second);
     * gauges, limits, features and heartbeat times do not.
     *
     * @param typeId the type id.
     * @return true for counts and positions.
     */
    public static boolean hasRate(final int typeId)
    {
        return typeId != GAUGE && typeId != FEATURE && typeId != PUBLISHER_LIMIT && typeId != SENDER_LIMIT &&
            typeId != CLIENT_HEARTBEAT && typeId != MDC_DESTINATION && typeId != UNTETHERED_SUBSCRIBER;
    }

    private CounterTypes()
    {
    }

    /**
     * A short name for a type.
     *
     * @param typeId the type id.
     * @return its name.
     */
    public static String name(final int typeId)
    {
        return switch (typeId)
        {
            case SYSTEM -> "system";
            case PUBLISHER_LIMIT -> "pub-lmt";
            case PUBLISHER_POSITION -> "pub-pos";
            case SUBSCRIBER_POSITION -> "sub-pos";
            case BACK_PRESSURE_EVENTS -> "back-pressure";
            case SENDER_POSITION -> "snd-pos";
            case SENDER_LIMIT -> "snd-lmt";
            case RECEIVER_HWM -> "rcv-hwm";
            case RECEIVER_POSITION -> "rcv-pos";
            case CHANNEL_EVENTS -> "channel";
            case GAUGE -> "gauge";
            case FEATURE -> "feature";
            case CLIENT_HEARTBEAT -> "client-hb";
            case MDC_DESTINATION -> "mdc-dst";
            case UNTETHERED_SUBSCRIBER -> "sub-tether";
            case CLIENT_SLOW_CYCLES -> "client-cycles";
            default -> "type-" + typeId;
        };
    }
    /**
     * The type a short name stands for.
     *
     * @param name a name as {@link #name} gives it, e.g. {@code sub-pos}.
     * @return the type id, or -1 if no type has that name.
     */
    public static int byName(final String name)
    {
        for (int typeId = 0; typeId < TYPES_NAMED; typeId++)
        {
            if (name(typeId).equals(name))
            {
                return typeId;
            }
        }
        return -1;
    }

    /** {@return every type's short name, in type id order} */
    public static List<String> names()
    {
        final List<String> names = new ArrayList<>();
        for (int typeId = 0; typeId < TYPES_NAMED; typeId++)
        {
            names.add(name(typeId));
        }
        return names;
    }
}
