package io.nanostream.examples;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;

import java.io.PrintStream;

/** One process, no separate driver: the application embeds a driver, and {@code NanoStream.connect()} finds it. */
public final class EmbeddedDriverExample
{
    private EmbeddedDriverExample()
    {
    }

    /**
     * Sends three greetings through an embedded driver and prints them.
     *
     * @param args none.
     * @throws InterruptedException if interrupted while waiting for the subscription.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        run(3, System.out);
    }

    /**
     * Publishes {@code hello 0} to {@code hello <count - 1>} over IPC and prints {@code received <message>} for each.
     *
     * @param count how many messages.
     * @param out   where to print.
     * @throws InterruptedException if interrupted while waiting for the subscription.
     */
    public static void run(final int count, final PrintStream out) throws InterruptedException
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();       // a fresh directory, deleted on close
             NanoStream client = NanoStream.connect();                // finds the one driver embedded in this JVM
             Subscription subscription = client.addSubscription("nano:ipc", 20);
             Publication publication = client.addPublication("nano:ipc", 20))
        {
            while (!publication.isConnected())
            {
                Thread.sleep(1);
            }
            AtomicBuffer buffer = AtomicBuffer.allocateDirect(64);
            int[] received = {0};
            for (int i = 0; i < count; i++)
            {
                int length = buffer.putStringAscii(0, "hello " + i);
                while (publication.offer(buffer, 0, length) < 0)      // back pressured (or closed: see IpcPublisher)
                {
                    Thread.yield();
                }
            }
            while (received[0] < count)
            {
                int fragments = subscription.poll((buf, offset, length, header) ->
                {
                    out.println("received " + buf.getStringAscii(offset));
                    received[0]++;
                }, 10);
                if (fragments == 0)
                {
                    Thread.yield();
                }
            }
            out.println("driver was in " + driver.directory());
        }
    }
}
