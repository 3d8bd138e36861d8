package io.nanostream.bench.ipc;

import io.nanostream.bench.OfferResult;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentHandler;

import java.nio.file.Path;

/** The far side of a two-process Nano-Stream shape: {@code subscriber dir} or {@code ponger dir}. */
public final class NanoIpcChild
{
    private NanoIpcChild()
    {
    }

    /**
     * Runs until the parent destroys it.
     *
     * @param args role and driver directory.
     */
    public static void main(final String[] args)
    {
        final NanoStream client = NanoStream.connect(FailFastClients.context(Path.of(args[1])));
        if (args[0].equals("subscriber"))
        {
            final Subscription subscription = client.addSubscription("nano:ipc", 10);
            final long[] next = {0};
            final FragmentHandler handler = (buffer, offset, length, header) ->
            {
                if (buffer.getLong(offset) != next[0]++)
                {
                    System.out.println("BAD message " + (next[0] - 1) + " out of order");
                }
            };
            System.out.println("READY");
            while (true)
            {
                if (subscription.poll(handler, 256) == 0)
                {
                    Thread.onSpinWait();
                }
            }
        }
        final Subscription pings = client.addSubscription("nano:ipc", 20);
        final ExclusivePublication pongs = client.addExclusivePublication(NanoIpcShapes.CHANNEL, 21);
        final FragmentHandler echo = (buffer, offset, length, header) ->
        {
            while (OfferResult.retry(pongs.offer(buffer, offset, length), "nano pongs"))
            {
                Thread.onSpinWait();
            }
        };
        System.out.println("READY");
        while (true)
        {
            if (pings.poll(echo, 1) == 0)
            {
                Thread.onSpinWait();
            }
        }
    }
}
