package io.nanostream.examples;

import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import io.nanostream.log.FragmentHandler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
        final int count = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        if (run(count, System.out).size() < count)
        {
            System.exit(1); // the driver went away first
        }
    }

    /**
     * Prints {@code subscribed}, then {@code received <message>} for each message, until {@code count} arrived; or, if
     * the driver goes away first, {@code stopped: <why>}.
     *
     * @param count how many messages to wait for.
     * @param out   where to print.
     * @return the messages, in the order they arrived.
     */
    public static List<String> run(final int count, final PrintStream out)
    {
        AtomicReference<Throwable> lastError = new AtomicReference<>();
        ClientContext context = new ClientContext().errorHandler(lastError::set);   // the driver's loss, among others
        try (NanoStream client = NanoStream.connect(context);
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
            while (received.size() < count && !subscription.isClosed())   // closed: the driver went away
            {
                if (subscription.poll(handler, 10) == 0)   // fragments handled; none: let other threads run
                {
                    Thread.yield();
                }
            }
            if (subscription.isClosed())
            {
                out.println("stopped: " + lastError.get().getMessage());
            }
            return received;
        }
    }
}
