package io.nanostream.examples;

import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import io.nanostream.log.FragmentHandler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Between processes, the subscribing side of {@link IpcPublisher}: prints each message as it arrives. */
public final class IpcSubscriber
{
    private IpcSubscriber()
    {
    }

    /**
     * Receives and prints messages until it has {@code count} of them.
     *
     * @param args the count, 100 if absent.
     */
    public static void main(final String[] args)
    {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 100, System.out);
    }

    /**
     * Prints {@code subscribed}, then {@code received <message>} for each message, until {@code count} arrived.
     *
     * @param count how many messages to wait for.
     * @param out   where to print.
     * @return the messages, in the order they arrived.
     */
    public static List<String> run(final int count, final PrintStream out)
    {
        try (NanoStream client = NanoStream.connect();
             Subscription subscription = client.addSubscription("nano:ipc", 10))
        {
            out.println("subscribed");
            List<String> received = new ArrayList<>();
            FragmentHandler handler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                String message = buffer.getStringAscii(offset);
                received.add(message);
                out.println("received " + message);
            });
            while (received.size() < count)
            {
                if (subscription.poll(handler, 10) == 0)   // fragments handled; none: let other threads run
                {
                    Thread.yield();
                }
            }
            return received;
        }
    }
}
