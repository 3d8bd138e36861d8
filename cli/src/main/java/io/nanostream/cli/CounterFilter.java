package io.nanostream.cli;

import io.nanostream.client.protocol.CounterTypes;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Locale;

/**
 * The options that pick which counters a monitoring command shows: by stream, session, channel and type. Unset, each
 * lets everything through. A picocli mixin, so {@code stat} and {@code backlog} spell them alike.
 */
final class CounterFilter
{
    @Option(names = "--stream", description = "Only this stream id.")
    private Integer stream;

    @Option(names = "--session", description = "Only this session id.")
    private Integer session;

    @Option(names = "--channel", description = "Only counters whose label contains this text: an endpoint " +
        "(127.0.0.1:40123), a channel's canonical form (udp-127.0.0.1:40123), or ipc.")
    private String channel;

    @Option(names = "--type", split = ",", converter = TypeName.class, description = "Only these counter types, e.g. " +
        "sub-pos,pub-pos,client-hb (the names in stat's type column).")
    private List<String> types;

    /**
     * Whether a counter passes.
     *
     * @param row the counter.
     * @return true to show it.
     */
    boolean test(final CounterRow row)
    {
        return (stream == null || row.streamId() == stream) && (session == null || row.sessionId() == session) &&
            (channel == null || row.label().toLowerCase(Locale.ROOT).contains(channel.toLowerCase(Locale.ROOT))) &&
            (types == null || types.contains(CounterTypes.name(row.type())));
    }

    /** {@return whether a stream (its id and session) passes the stream and session options} */
    boolean testStream(final int streamId, final int sessionId)
    {
        return (stream == null || streamId == stream) && (session == null || sessionId == session);
    }

    /** {@return the channel text asked for, or null} */
    String channelText()
    {
        return channel;
    }

    /** {@return whether no option was given: everything passes} */
    boolean isEmpty()
    {
        return stream == null && session == null && channel == null && types == null;
    }

    /** Refuses a type name that no counter has, naming the ones there are: a typo must not show an empty table. */
    static final class TypeName implements CommandLine.ITypeConverter<String>
    {
        @Override
        public String convert(final String name)
        {
            if (CounterTypes.byName(name) < 0)
            {
                throw new CommandLine.TypeConversionException("--type " + name +
                    " is not a counter type; the types are " + CounterTypes.names());
            }
            return name;
        }
    }
}
