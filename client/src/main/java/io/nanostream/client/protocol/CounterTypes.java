package io.nanostream.client.protocol;

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
            default -> "type-" + typeId;
        };
    }
}
