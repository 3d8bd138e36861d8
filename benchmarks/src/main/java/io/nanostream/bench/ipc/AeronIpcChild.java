package io.nanostream.bench.ipc;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.logbuffer.FragmentHandler;
import io.nanostream.bench.OfferResult;

/** The far side of a two-process Aeron shape: {@code subscriber dir} or {@code ponger dir}. */
public final class AeronIpcChild
{
    private AeronIpcChild()
    {
    }

    /**
     * Runs until the parent destroys it.
     *
     * @param args role and Aeron directory.
     */
    public static void main(final String[] args)
    {
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(args[1]));
        if (args[0].equals("subscriber"))
        {
            final Subscription subscription = aeron.addSubscription("aeron:ipc", 10);
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
        final Subscription pings = aeron.addSubscription("aeron:ipc", 20);
        final ExclusivePublication pongs = aeron.addExclusivePublication(AeronIpcShapes.CHANNEL, 21);
        final FragmentHandler echo = (buffer, offset, length, header) ->
        {
            while (OfferResult.retry(pongs.offer(buffer, offset, length), "aeron pongs"))
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
