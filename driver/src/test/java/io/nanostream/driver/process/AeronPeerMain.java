package io.nanostream.driver.process;

import io.aeron.Aeron;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real Aeron 1.47.4 driver and client, in a JVM of their own: {@code publish <channel> <stream> <count> <maxLength>}
 * sends {@link UdpMessages}; {@code subscribe ...} receives and checks them. A publisher takes any further arguments as
 * destinations to add (a {@code control-mode=manual} channel). Prints {@code READY} once set up, then {@code SENT n} or
 * {@code RECEIVED n}, or {@code ERROR ...}.
 */
public final class AeronPeerMain
{
    /**
     * A system property naming a file: a publisher waits for it to exist before it publishes
     * (several receivers must join first).
     */
    public static final String START_FILE = "aeron.peer.start.file";

    private AeronPeerMain()
    {
    }

    /**
     * Runs the peer.
     *
     * @param args mode, channel, stream, count, max length, destinations.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final String mode = args[0];
        final String channel = args[1];
        final int streamId = Integer.parseInt(args[2]);
        final long count = Long.parseLong(args[3]);
        final int maxLength = Integer.parseInt(args[4]);
        final Path directory = Files.createTempDirectory("aeron-peer-");
        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(directory.resolve("aeron").toString())
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy());
        try (MediaDriver driver = MediaDriver.launchEmbedded(driverContext);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName())))
        {
            if (mode.equals("publish"))
            {
                publish(aeron, channel, streamId, count, maxLength, java.util.Arrays.copyOfRange(args, 5, args.length));
            }
            else
            {
                subscribe(aeron, channel, streamId, count, maxLength);
            }
        }
        catch (final Throwable ex)
        {
            System.out.println("ERROR " + ex);
            ex.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void publish(
        final Aeron aeron, final String channel, final int streamId, final long count, final int maxLength,
        final String[] destinations)
    {
        try (Publication publication = aeron.addPublication(channel, streamId))
        {
            for (final String destination : destinations)
            {
                publication.addDestination(destination);
            }
            System.out.println("READY");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!publication.isConnected())
            {
                check(deadline, "no subscriber connected");
                Thread.yield();
            }
            final String startFile = System.getProperty(START_FILE);
            while (startFile != null && !Files.exists(Path.of(startFile)))
            {
                check(deadline, "no start file " + startFile); // the test says when every receiver has joined
                Thread.yield();
            }
            final UnsafeBuffer message = new UnsafeBuffer(ByteBuffer.allocateDirect(maxLength + 64));
            for (long i = 0; i < count; i++)
            {
                final int length = UdpMessages.length(i, maxLength);
                message.putLong(0, i);
                for (int b = 8; b < length; b++)
                {
                    message.putByte(b, UdpMessages.pattern(i, b));
                }
                long result;
                while ((result = publication.offer(message, 0, length)) < 0)
                {
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                    {
                        throw new IllegalStateException("offer of message " + i + " failed: " + result);
                    }
                    check(deadline, "message " + i + " not accepted");
                    Thread.yield();
                }
            }
            System.out.println("SENT " + count);
            // linger so that the subscriber can repair the end before the publication goes
            final long lingerEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < lingerEnd)
            {
                Thread.yield();
            }
        }
    }

    private static void subscribe(final Aeron aeron, final String channel, final int streamId, final long count,
        final int maxLength)
    {
        try (Subscription subscription = aeron.addSubscription(channel, streamId))
        {
            System.out.println("READY");
            final long[] next = {0};
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final long i = buffer.getLong(offset);
                if (i != next[0])
                {
                    throw new IllegalStateException("expected message " + next[0] + " but got " + i);
                }
                if (length != UdpMessages.length(i, maxLength))
                {
                    throw new IllegalStateException("message " + i + " has length " + length);
                }
                for (int b = 8; b < length; b++)
                {
                    if (buffer.getByte(offset + b) != UdpMessages.pattern(i, b))
                    {
                        throw new IllegalStateException("message " + i + " byte " + b + " differs");
                    }
                }
                next[0]++;
            });
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (next[0] < count)
            {
                check(deadline, "only " + next[0] + " of " + count + " received");
                if (subscription.poll(assembler, 64) == 0)
                {
                    Thread.yield();
                }
            }
            System.out.println("RECEIVED " + next[0]);
        }
    }

    private static void check(final long deadline, final String problem)
    {
        if (System.nanoTime() > deadline)
        {
            throw new IllegalStateException(problem + " within 60 s");
        }
    }
}
