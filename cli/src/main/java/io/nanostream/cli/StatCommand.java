package io.nanostream.cli;

import io.nanostream.buffer.CountersReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.CounterTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code nano-stream stat}: a live view of a driver, refreshed like {@code top}: clients, publications,
 * subscriptions, positions, rates, back-pressure events and errors; which native features are on (type
 * {@code feature}, with the reason when off), where the driver's agent threads run, and how much of each log the
 * kernel put in huge pages.
 */
@Command(name = "stat", mixinStandardHelpOptions = true,
    description = "Shows the media driver's counters live: clients, publications, positions, rates, back pressure, errors, " +
        "native features (on, or off with the reason), the CPUs its agent threads run on, and each log's bytes in huge pages.")
public final class StatCommand implements Callable<Integer>
{
    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--interval-ms", defaultValue = "1000", description = "Refresh interval (default 1000).")
    private long intervalMillis;

    @Option(names = "--once",
        description = "Print one sample and exit (rates need two samples: measured over one interval).")
    private boolean once;

    @Option(names = "--archive-dir",
        description = "Also show the recordings an archive in this directory is making: position, " +
        "bytes written, fsyncs and replay sessions.")
    private Path archiveDirectory;

    @Option(names = "--json",
        description = "Print one sample as JSON, one object per counter and line, and exit; rates over one interval.")
    private boolean json;

    @Mixin
    private CounterFilter filter = new CounterFilter();

    @Override
    public Integer call() throws Exception
    {
        final Path dir = DriverFiles.directoryOrDefault(directory);
        try (MappedFile mapping = DriverFiles.mapControlFile(dir))
        {
            final ControlFile control = new ControlFile(mapping.buffer());
            final CountersReader counters = new CountersReader(control.countersMetadata(), control.countersValues());
            final MessageRing commands = new MessageRing(control.commandRing());
            Map<Integer, Long> previous = values(CounterRow.readAll(counters));
            long previousNanos = System.nanoTime();
            while (true)
            {
                Thread.sleep(intervalMillis);
                final List<CounterRow> rows = CounterRow.readAll(counters); // one read: the values shown are those the rates use
                final Map<Integer, Long> current = values(rows);
                final long now = System.nanoTime();
                final StringBuilder screen = new StringBuilder();
                if (json)
                {
                    renderJson(screen, rows, previous, current, (now - previousNanos) / 1e9);
                }
                else
                {
                    screen.append(once ? "" : "\033[H\033[2J");
                    render(screen, dir, control, commands, rows, previous, current, (now - previousNanos) / 1e9);
                    if (archiveDirectory != null)
                    {
                        ArchiveCounters.render(screen, archiveDirectory);
                    }
                }
                System.out.print(screen);
                System.out.flush();
                if (once || json)
                {
                    return 0;
                }
                previous = current;
                previousNanos = now;
            }
        }
    }

    private static Map<Integer, Long> values(final List<CounterRow> rows)
    {
        final Map<Integer, Long> values = new HashMap<>();
        rows.forEach(row -> values.put(row.id(), row.value()));
        return values;
    }

    private void render(
        final StringBuilder out, final Path dir, final ControlFile control, final MessageRing commands,
        final List<CounterRow> rows, final Map<Integer, Long> previous, final Map<Integer, Long> current,
        final double seconds)
    {
        final long nowMillis = System.currentTimeMillis();
        final long heartbeatAge = nowMillis - commands.consumerHeartbeat();
        out.append(String.format(Locale.ROOT, "nano-stream driver %s  pid %d  heartbeat %d ms ago%s%n", dir,
            control.pid(), heartbeatAge, heartbeatAge > 2_000 ? "  (NOT RUNNING?)" : ""));
        out.append(String.format(Locale.ROOT, "%-4s %-14s %8s %16s %14s  %s%n", "id", "type", "client", "value",
            "rate/s", "label"));
        for (final CounterRow row : rows)
        {
            if (!filter.test(row))
            {
                continue;
            }
            final String rate = CounterTypes.hasRate(row.type()) ?
                String.format(Locale.ROOT, "%,.0f", rate(row.id(), row.value(), previous, current, seconds)) : "";
            final String label = row.type() == CounterTypes.CLIENT_HEARTBEAT ?
                row.label() + "  (last keepalive " + (nowMillis - row.value()) + " ms ago)" : row.label();
            out.append(String.format(Locale.ROOT, "%-4d %-14s %8s %,16d %14s  %s%n", row.id(),
                CounterTypes.name(row.type()), row.clientId() == 0 ? "-" : Long.toString(row.clientId()), row.value(),
                rate, label));
        }
        appendLags(out, rows);
        if (filter.isEmpty())
        {
            AgentPlacements.render(out, control.pid());
            LogMappings.render(out, Path.of("/proc"), control.pid());
        }
    }

    private static double rate(final int id, final long value, final Map<Integer, Long> previous,
        final Map<Integer, Long> current, final double seconds)
    {
        return seconds > 0 ? (current.getOrDefault(id, value) - previous.getOrDefault(id, value)) / seconds : 0;
    }

    /** One JSON object per counter and line: what scripts and dashboards read. */
    private void renderJson(
        final StringBuilder out, final List<CounterRow> rows, final Map<Integer, Long> previous,
        final Map<Integer, Long> current, final double seconds)
    {
        final long nowMillis = System.currentTimeMillis();
        for (final CounterRow row : rows)
        {
            if (!filter.test(row))
            {
                continue;
            }
            out.append("{\"id\":").append(row.id())
                .append(",\"type\":\"").append(CounterTypes.name(row.type())).append('"')
                .append(",\"type_id\":").append(row.type())
                .append(",\"value\":").append(row.value());
            if (CounterTypes.hasRate(row.type()))
            {
                out.append(",\"rate_per_s\":").append(Math.round(rate(row.id(), row.value(), previous, current,
                    seconds)));
            }
            if (row.type() == CounterTypes.CLIENT_HEARTBEAT)
            {
                out.append(",\"keepalive_age_ms\":").append(nowMillis - row.value());
            }
            out.append(",\"registration_id\":").append(row.registrationId())
                .append(",\"session_id\":").append(row.sessionId())
                .append(",\"stream_id\":").append(row.streamId())
                .append(",\"client_id\":").append(row.clientId())
                .append(",\"label\":");
            appendJsonString(out, row.label());
            out.append("}\n");
        }
    }

    static void appendJsonString(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int)c) : String.valueOf(c));
            }
        }
        out.append('"');
    }

    /** For each subscriber, how far it trails its publication. */
    private void appendLags(final StringBuilder out, final List<CounterRow> rows)
    {
        final Map<Long, Long> producerBySession = new HashMap<>();
        for (final CounterRow row : rows)
        {
            if (row.type() == CounterTypes.PUBLISHER_POSITION)
            {
                producerBySession.put(((long)row.streamId() << 32) | (row.sessionId() & 0xFFFF_FFFFL), row.value());
            }
        }
        for (final CounterRow row : rows)
        {
            if (row.type() == CounterTypes.SUBSCRIBER_POSITION && filter.test(row))
            {
                final Long producer = producerBySession.get(((long)row.streamId() << 32) | (row.sessionId() & 0xFFFF_FFFFL));
                if (producer != null)
                {
                    out.append(String.format(Locale.ROOT, "lag of subscriber %d (stream %d, session %d): %,d bytes%n",
                        row.registrationId(), row.streamId(), row.sessionId(), producer - row.value()));
                }
            }
        }
    }
}
