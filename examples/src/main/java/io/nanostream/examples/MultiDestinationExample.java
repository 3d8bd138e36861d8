package io.nanostream.examples;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Multi-destination-cast, shown on one machine: one publication reaches several receivers without multicast, as in a
 * cloud. In dynamic mode the receivers join by naming the publication's control address; in manual mode the application
 * adds them. On real machines each side runs its own driver, and the addresses are the machines'.
 */
public final class MultiDestinationExample
{
    private MultiDestinationExample()
    {
    }

    /**
     * Sends 100 messages each way on loopback ports 40130 to 40133 (or those from the first
     * given) and prints what arrived.
     *
     * @param args the first of four free UDP ports, 40130 if absent.
     * @throws InterruptedException if interrupted while waiting for the receivers.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final int first = args.length > 0 ? Integer.parseInt(args[0]) : 40130;
        run(100, new int[] {first, first + 1, first + 2, first + 3}, System.out);
    }

    /**
     * Publishes {@code count} messages to two receivers that join dynamically, then to one added by hand, and prints
     * how many each read in order: {@code dynamic: 100 and 100 in order} and {@code manual: 100 in order}.
     *
     * @param count how many messages each time.
     * @param ports four free UDP ports on 127.0.0.1: the control address, two receivers, the manual destination.
     * @param out   where to print.
     * @return the lines printed.
     * @throws InterruptedException if interrupted while waiting for the receivers.
     */
    public static List<String> run(final int count, final int[] ports,
        final PrintStream out) throws InterruptedException
    {
        List<String> printed = new ArrayList<>();
        String control = "127.0.0.1:" + ports[0];
        try (MediaDriver publishingDriver = MediaDriver.launchEmbedded();
             MediaDriver receivingDriver = MediaDriver.launchEmbedded();
             NanoStream publishing = publishingDriver.connect();
             NanoStream receiving = receivingDriver.connect())
        {
            // dynamic: the publication binds its control address; each receiver subscribes
            // on its own endpoint, naming it
            try (ExclusivePublication publication = publishing.addExclusivePublication(
                     "nano:udp?control=" + control + "|control-mode=dynamic|fc=min|term-length=64k", 20);
                 Subscription first = receiving.addSubscription("nano:udp?endpoint=127.0.0.1:" + ports[1] +
                     "|control=" + control, 20);
                 Subscription second = receiving.addSubscription("nano:udp?endpoint=127.0.0.1:" + ports[2] +
                     "|control=" + control, 20))
            {
                while (first.imageCount() == 0 || second.imageCount() == 0)   // until both have joined
                {
                    Thread.sleep(1);
                }
                int[] inOrder = transfer(publication, count, first, second);
                printed.add("dynamic: " + inOrder[0] + " and " + inOrder[1] + " in order");
            }
            // manual: the application says where to send; the receiver subscribes as to any unicast publication
            try (ExclusivePublication publication = publishing.addExclusivePublication("nano:udp?control-mode=manual|term-length=64k", 21);
                 Subscription subscription = receiving.addSubscription("nano:udp?endpoint=127.0.0.1:" + ports[3], 21))
            {
                publication.addDestination("nano:udp?endpoint=127.0.0.1:" + ports[3]);
                while (subscription.imageCount() == 0)
                {
                    Thread.sleep(1);
                }
                printed.add("manual: " + transfer(publication, count, subscription)[0] + " in order");
            }
        }
        printed.forEach(out::println);
        return printed;
    }

    /** Publishes {@code count} messages while the receivers read; returns how many each read in order. */
    private static int[] transfer(final Publication publication, final int count, final Subscription... subscriptions)
    {
        AtomicBuffer buffer = AtomicBuffer.allocateDirect(64);
        int[] received = new int[subscriptions.length];
        int[] inOrder = new int[subscriptions.length];
        int sent = 0;
        while (sent < count || anyBelow(received, count))
        {
            buffer.putInt(0, sent);
            if (sent < count && publication.offer(buffer, 0, 4) > 0)
            {
                sent++;
            }
            for (int s = 0; s < subscriptions.length; s++)
            {
                final int reader = s;
                subscriptions[s].poll((message, offset, length, header) ->
                {
                    inOrder[reader] += message.getInt(offset) == received[reader] ? 1 : 0;
                    received[reader]++;
                }, 10);
            }
        }
        return inOrder;
    }

    private static boolean anyBelow(final int[] counts, final int count)
    {
        for (final int value : counts)
        {
            if (value < count)
            {
                return true;
            }
        }
        return false;
    }
}
