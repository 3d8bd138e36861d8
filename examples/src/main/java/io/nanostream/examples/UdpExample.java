package io.nanostream.examples;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;
import io.nanostream.log.FragmentHandler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Between machines, shown on one: two embedded drivers, one sending and one receiving over UDP on loopback. On two
 * machines each side runs its own driver, and the endpoint is the receiving machine's address.
 */
public final class UdpExample
{
    private UdpExample()
    {
    }

    /**
     * Sends 100 messages over UDP port 40123 (or the port given) and prints how many arrived.
     *
     * @param args the port, 40123 if absent.
     * @throws InterruptedException if interrupted while waiting for the receiver.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        run(100, args.length > 0 ? Integer.parseInt(args[0]) : 40123, System.out);
    }

    /**
     * Sends {@code udp 0} to {@code udp <count - 1>} and prints {@code received <count> in order <true|false>}.
     *
     * @param count how many messages.
     * @param port  the receiver's UDP port on 127.0.0.1.
     * @param out   where to print.
     * @return the messages, in the order they arrived.
     * @throws InterruptedException if interrupted while waiting for the receiver.
     */
    public static List<String> run(final int count, final int port, final PrintStream out) throws InterruptedException
    {
        String channel = "nano:udp?endpoint=127.0.0.1:" + port;
        try (MediaDriver receivingDriver = MediaDriver.launchEmbedded();
             MediaDriver sendingDriver = MediaDriver.launchEmbedded();
             NanoStream receiving = receivingDriver.connect();          // two drivers here: say which one
             NanoStream sending = sendingDriver.connect();
             Subscription subscription = receiving.addSubscription(channel, 10);
             ExclusivePublication publication = sending.addExclusivePublication(channel + "|term-length=64k", 10))
        {
            while (!publication.isConnected())       // until the receiver has answered the sender's SETUP
            {
                Thread.sleep(1);
            }
            List<String> received = new ArrayList<>();
            FragmentHandler handler = (buffer, offset, length, header) -> received.add(buffer.getStringAscii(offset));
            AtomicBuffer buffer = AtomicBuffer.allocateDirect(64);
            for (int i = 0; i < count; i++)
            {
                int length = buffer.putStringAscii(0, "udp " + i);
                long result;
                while ((result = publication.offer(buffer, 0, length)) < 0)
                {
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                    {
                        throw new IllegalStateException("cannot publish: " + result);
                    }
                    subscription.poll(handler, 10);   // back pressured: this thread is also the receiver, so receive
                }
            }
            while (received.size() < count)
            {
                if (subscription.poll(handler, 10) == 0)
                {
                    Thread.yield();
                }
            }
            boolean inOrder = true;
            for (int i = 0; i < count; i++)
            {
                inOrder &= received.get(i).equals("udp " + i);
            }
            out.println("received " + received.size() + " in order " + inOrder);
            return received;
        }
    }
}
