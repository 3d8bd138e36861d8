package io.nanostream.cli;

import io.nanostream.buffer.CountersReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.protocol.ControlFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code nano-stream backlog}: who holds a stream back. For each stream, its chain through this driver (publisher, then
 * sender and receiver on UDP, then subscribers) with the bytes each hop has not yet passed on, and, when the publisher
 * is at its limit, the hop that stops it. Aeron users get the same from BacklogStat and StreamStat.
 */
@Command(name = "backlog", mixinStandardHelpOptions = true,
    description = "Shows each stream's chain through the driver (publisher -> sender -> receiver -> subscribers on UDP, " +
        "publisher -> subscribers on IPC), the bytes held at each hop, and the hop that holds the publisher back.")
public final class BacklogCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--json", description = "One JSON object per stream and line.")
    private boolean json;

    @Mixin
    private CounterFilter filter = new CounterFilter();

    @Override
    public Integer call()
    {
        final Path dir = DriverFiles.directoryOrDefault(directory);
        try (MappedFile mapping = DriverFiles.mapControlFile(dir))
        {
            final ControlFile control = new ControlFile(mapping.buffer());
            final List<StreamChain> chains =
                StreamChain.of(CounterRow.readAll(new CountersReader(control.countersMetadata(),
                control.countersValues())), filter);
            final StringBuilder out = new StringBuilder();
            for (final StreamChain chain : chains)
            {
                if (json)
                {
                    renderJson(out, chain);
                }
                else
                {
                    render(out, chain);
                }
            }
            if (!json)
            {
                out.append(chains.size()).append(" stream(s) in ").append(dir).append('\n');
            }
            System.out.print(out);
        }
        return 0;
    }

    static void render(final StringBuilder out, final StreamChain chain)
    {
        out.append(String.format(Locale.ROOT, "stream %d session %d  %s  (%s)%n", chain.streamId(), chain.sessionId(),
            chain.channel(), chain.isNetwork() ? "udp" : "ipc"));
        long upstream = -1;
        if (chain.publisherPosition() >= 0)
        {
            out.append(String.format(Locale.ROOT, "  %-26s position %,15d   limit %,15d   room %,12d%n", "publisher",
                chain.publisherPosition(), chain.publisherLimit(), chain.publisherLimit() - chain.publisherPosition()));
            upstream = chain.publisherPosition();
        }
        if (chain.senderPosition() >= 0)
        {
            out.append(String.format(Locale.ROOT, "  %-26s position %,15d   limit %,15d   unsent %,10d%n", "sender",
                chain.senderPosition(), chain.senderLimit(), upstream - chain.senderPosition()));
            upstream = chain.senderPosition();
        }
        if (chain.receiverHwm() >= 0)
        {
            out.append(String.format(Locale.ROOT, "  %-26s position %,15d   hwm   %,15d   %s%n", "receiver",
                chain.receiverPosition(), chain.receiverHwm(), upstream < 0 ? "(its publisher is in another driver)" :
                    String.format(Locale.ROOT, "in flight %,7d", upstream - chain.receiverHwm())));
            upstream = chain.receiverHwm();
        }
        final String limiting = chain.limitingHop();
        for (final StreamChain.Subscriber subscriber : chain.subscribers())
        {
            final boolean slowest = limiting != null && subscriber == chain.subscribers().getFirst() &&
                limiting.startsWith("subscriber");
            out.append(String.format(Locale.ROOT, "  %-26s position %,15d   behind %,14d%s%n",
                "subscriber " + subscriber.registrationId() + " (client " + subscriber.clientId() + ")",
                subscriber.position(), upstream < 0 ? 0 : upstream - subscriber.position(), slowest ?
                "   <- holds the publisher back" : ""));
        }
        if (chain.publisherPosition() >= 0)
        {
            out.append(limiting == null ?
                String.format(Locale.ROOT, "  nothing holds the publisher back: it has %,d bytes of room%n",
                    chain.publisherLimit() - chain.publisherPosition()) :
                "  the publisher is at its limit, held back by " + limiting + "\n");
        }
    }

    private static void renderJson(final StringBuilder out, final StreamChain chain)
    {
        out.append("{\"stream_id\":").append(chain.streamId())
            .append(",\"session_id\":").append(chain.sessionId())
            .append(",\"transport\":\"").append(chain.isNetwork() ? "udp" : "ipc").append('"')
            .append(",\"channel\":");
        StatCommand.appendJsonString(out, chain.channel());
        out.append(",\"publisher_position\":").append(chain.publisherPosition())
            .append(",\"publisher_limit\":").append(chain.publisherLimit())
            .append(",\"sender_position\":").append(chain.senderPosition())
            .append(",\"sender_limit\":").append(chain.senderLimit())
            .append(",\"receiver_hwm\":").append(chain.receiverHwm())
            .append(",\"receiver_position\":").append(chain.receiverPosition())
            .append(",\"subscribers\":[");
        for (int i = 0; i < chain.subscribers().size(); i++)
        {
            final StreamChain.Subscriber subscriber = chain.subscribers().get(i);
            out.append(i == 0 ? "" : ",").append("{\"registration_id\":").append(subscriber.registrationId())
                .append(",\"client_id\":").append(subscriber.clientId())
                .append(",\"position\":").append(subscriber.position()).append('}');
        }
        out.append("],\"held_back\":").append(chain.publisherHeldBack())
            .append(",\"limited_by\":");
        final String limiting = chain.limitingHop();
        if (limiting == null)
        {
            out.append("null");
        }
        else
        {
            StatCommand.appendJsonString(out, limiting);
        }
        out.append("}\n");
    }
}
