package io.nanostream.driver.process;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.log.BufferClaim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes test messages: {@code dir channel stream publisherId count threads exclusive maxLarge [hang]}.
 * Prints READY, then DONE; with {@code hang} it claims one more frame, prints CLAIMED and waits to be killed.
 */
public final class PublisherMain
{
    private PublisherMain()
    {
    }

    /**
     * Runs.
     *
     * @param args see the class comment.
     * @throws Exception on failure.
     */
    public static void main(final String[] args) throws Exception
    {
        final Path dir = Path.of(args[0]);
        final String channel = args[1];
        final int stream = Integer.parseInt(args[2]);
        final int publisherId = Integer.parseInt(args[3]);
        final long count = Long.parseLong(args[4]);
        final int threads = Integer.parseInt(args[5]);
        final boolean exclusive = Boolean.parseBoolean(args[6]);
        final int maxLarge = Integer.parseInt(args[7]);
        final boolean hang = args.length > 8 && args[8].equals("hang");
        final NanoStream client = NanoStream.connect(new ClientContext().directory(dir));
        final Publication publication = exclusive ? client.addExclusivePublication(channel,
            stream) : client.addPublication(channel, stream);
        System.out.println("READY session=" + publication.sessionId());
        final List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++)
        {
            final int id = publisherId * 100 + t;
            workers.add(Thread.ofPlatform().start(() ->
            {
                final AtomicBuffer buffer = AtomicBuffer.allocateHeap(Math.max(128, (maxLarge + 7) & ~7));
                for (long n = 0; n < count; n++)
                {
                    final int length = Messages.length(n, maxLarge);
                    Messages.write(buffer, id, n, length);
                    long result;
                    while ((result = publication.offer(buffer, 0, length)) < 0)
                    {
                        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                        {
                            System.out.println("FAILED offer " + result);
                            return;
                        }
                        Thread.yield();
                    }
                }
            }));
        }
        for (final Thread worker : workers)
        {
            worker.join();
        }
        System.out.println("DONE position=" + publication.position());
        if (hang)
        {
            final BufferClaim claim = new BufferClaim();
            while (publication.tryClaim(64, claim) < 0)
            {
                Thread.yield();
            }
            claim.buffer().putInt(claim.offset(), -1); // half a message, never committed
            System.out.println("CLAIMED");
            Thread.sleep(Long.MAX_VALUE);
        }
        System.out.flush();
        Thread.sleep(500); // let subscribers read before the publication closes
        publication.close();
        client.close();
    }
}
