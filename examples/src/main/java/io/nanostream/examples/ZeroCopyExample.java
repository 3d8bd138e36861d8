package io.nanostream.examples;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.MediaDriver;
import io.nanostream.log.BufferClaim;

import java.io.PrintStream;

/** Zero copy: claim space in the log, write the message in place, commit; nothing is copied from a buffer of yours. */
public final class ZeroCopyExample
{
    private ZeroCopyExample()
    {
    }

    /**
     * Claims, fills and commits three orders, and prints them as the subscription sees them.
     *
     * @param args none.
     * @throws InterruptedException if interrupted while waiting for the subscription.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        run(3, System.out);
    }

    /**
     * Publishes orders 1 to {@code count} (an id and a symbol) by {@code tryClaim}, and prints
     * {@code order <id> <symbol>} for each one received.
     *
     * @param count how many orders.
     * @param out   where to print.
     * @throws InterruptedException if interrupted while waiting for the subscription.
     */
    public static void run(final int count, final PrintStream out) throws InterruptedException
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded();
             NanoStream client = driver.connect();
             Subscription subscription = client.addSubscription("nano:ipc", 30);
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc", 30))
        {
            while (!publication.isConnected())
            {
                Thread.sleep(1);
            }
            BufferClaim claim = new BufferClaim();
            String symbol = "NANO";
            int length = Long.BYTES + Integer.BYTES + symbol.length();    // an id, then the symbol after its length
            for (long id = 1; id <= count; id++)
            {
                while (publication.tryClaim(length, claim) < 0)           // back pressured: try again
                {
                    Thread.yield();
                }
                AtomicBuffer log = claim.buffer();                         // the log itself, at claim.offset()
                log.putLong(claim.offset(), id);
                log.putStringAscii(claim.offset() + Long.BYTES, symbol);
                claim.commit();                                            // or claim.abort(): subscribers skip it
            }
            int[] received = {0};
            while (received[0] < count)
            {
                int fragments = subscription.poll((buffer, offset, fragmentLength, header) ->
                {
                    out.println("order " + buffer.getLong(offset) + " " + buffer.getStringAscii(offset + Long.BYTES));
                    received[0]++;
                }, 10);
                if (fragments == 0)
                {
                    Thread.yield();
                }
            }
        }
    }
}
