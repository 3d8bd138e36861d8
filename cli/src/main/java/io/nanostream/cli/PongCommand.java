package io.nanostream.cli;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.concurrent.IdleStrategies;
import io.nanostream.concurrent.IdleStrategy;
import io.nanostream.log.FragmentHandler;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code nano-stream pong}: echoes every message from {@code nano-stream ping} back on the pong channel until stopped.
 */
@Command(name = "pong", mixinStandardHelpOptions = true,
    description = "Echoes 'nano-stream ping' messages back through a running media driver until stopped (Ctrl-C).")
public final class PongCommand implements Callable<Integer>
{
    static final int PING_STREAM = 1001;
    static final int PONG_STREAM = 1002;

    @Option(names = "--idle", defaultValue = "yield",
        description = "How to wait: spin (many cores), yield (default: leaves the driver a core on small machines), sleep, backoff.")
    private String idle;

    @Option(names = "--dir",
        description = "Driver directory (default: nanostream.dir, or /dev/shm/nano-stream-<user>).")
    private Path directory;

    @Option(names = "--ping-channel", defaultValue = "nano:udp?endpoint=localhost:20123",
        description = "Where pings arrive (default ${DEFAULT-VALUE}).")
    private String pingChannel;

    @Option(names = "--pong-channel", defaultValue = "nano:udp?endpoint=localhost:20124",
        description = "Where pongs go (default ${DEFAULT-VALUE}).")
    private String pongChannel;

    @Option(names = "--count", defaultValue = "0",
        description = "Stop after this many echoes; 0 runs until stopped (default ${DEFAULT-VALUE}).")
    private long count;

    @Override
    public Integer call()
    {
        final ClientContext context = new ClientContext();
        if (directory != null)
        {
            context.directory(directory);
        }
        final IdleStrategy idler = IdleStrategies.byName(idle);
        final AtomicBoolean running = new AtomicBoolean(true);
        final Thread main = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            running.set(false);
            try
            {
                main.join(2_000);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }));
        try (NanoStream client = NanoStream.connect(context);
             Subscription pings = client.addSubscription(pingChannel, PING_STREAM);
             ExclusivePublication pongs = client.addExclusivePublication(pongChannel, PONG_STREAM))
        {
            System.err.println("echoing " + pingChannel + " -> " + pongChannel);
            final long[] echoed = {0};
            final FragmentHandler echo = (buffer, offset, length, header) ->
            {
                while (pongs.offer(buffer, offset, length) < 0 && running.get() && !client.isClosed())
                {
                    idler.idle();
                }
                echoed[0]++;
            };
            while (running.get() && (count == 0 || echoed[0] < count))
            {
                if (client.isClosed())
                {
                    System.err.println("the media driver went away after " + echoed[0] +
                        " echo(es); start it again with: nano-stream driver");
                    return 1;
                }
                if (pings.poll(echo, 16) == 0)
                {
                    idler.idle();
                }
                else
                {
                    idler.reset();
                }
            }
            System.err.println("echoed " + echoed[0] + " message(s)");
        }
        return 0;
    }
}
