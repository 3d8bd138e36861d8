package io.nanostream.examples;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;

import java.io.PrintStream;

/**
 * Between processes, the publishing side: run a driver ({@code ./nano-stream driver}), then {@link IpcSubscriber}
 * and this, each in its own JVM. Both find the driver in the default directory (or {@code -Dnanostream.dir}).
 */
public final class IpcPublisher
{
    private IpcPublisher()
    {
    }

    /**
     * Publishes {@code message 0} to {@code message <count - 1>}.
     *
     * @param args the count, 100 if absent.
     * @throws InterruptedException if interrupted while waiting for a subscriber.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 100, System.out);
    }

    /**
     * Waits for a subscriber, publishes the messages in order, and prints {@code published <count>}.
     *
     * @param count how many messages.
     * @param out   where to print.
     * @throws InterruptedException if interrupted while waiting for a subscriber.
     */
    public static void run(final int count, final PrintStream out) throws InterruptedException
    {
        try (NanoStream client = NanoStream.connect();
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", 10))
        {
            while (!publication.isConnected())          // no subscriber yet: an offer would return NOT_CONNECTED
            {
                Thread.sleep(1);
            }
            AtomicBuffer buffer = AtomicBuffer.allocateDirect(256);
            for (int i = 0; i < count; i++)
            {
                int length = buffer.putStringAscii(0, "message " + i);
                long result;
                while ((result = publication.offer(buffer, 0, length)) < 0)   // new position, or why not
                {
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                    {
                        throw new IllegalStateException("cannot publish: " + result);
                    }
                    Thread.yield();                     // BACK_PRESSURED, ADMIN_ACTION, NOT_CONNECTED: try again
                }
            }
            out.println("published " + count);
        }
    }
}
