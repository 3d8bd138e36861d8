package io.nanostream.driver.process;

import io.nanostream.client.ClientContext;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Receives and checks test messages: {@code dir channel stream expectedTotal [slow]}. Prints READY, then
 * PROGRESS lines, then RESULT with the count per publisher, or BAD with the first problem.
 */
public final class SubscriberMain
{
    private SubscriberMain()
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
        final NanoStream client = NanoStream.connect(new ClientContext().directory(Path.of(args[0])));
        final long expected = Long.parseLong(args[3]);
        final boolean slow = args.length > 4 && args[4].equals("slow");
        final Map<Integer, Long> next = new HashMap<>();
        final long[] total = {0};
        final String[] problem = {null};
        final Subscription subscription = client.addSubscription(args[1], Integer.parseInt(args[2]));
        System.out.println("READY");
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
        {
            try
            {
                final long id = Messages.check(buffer, offset, length);
                final int publisher = (int)(id >>> 48);
                final long number = id & 0xFFFF_FFFF_FFFFL;
                final long wanted = next.getOrDefault(publisher, 0L);
                if (number != wanted && problem[0] == null)
                {
                    problem[0] = "publisher " + publisher + ": got message " + number + ", expected " + wanted;
                }
                next.put(publisher, number + 1);
                total[0]++;
            }
            catch (final IllegalStateException ex)
            {
                if (problem[0] == null)
                {
                    problem[0] = ex.getMessage();
                }
            }
        });
        long lastReport = 0;
        while (total[0] < expected && problem[0] == null)
        {
            if (subscription.poll(assembler, slow ? 1 : 256) == 0)
            {
                Thread.onSpinWait();
            }
            if (slow)
            {
                Thread.sleep(1);
            }
            if (total[0] - lastReport >= 10_000 || (slow && total[0] != lastReport))
            {
                lastReport = total[0];
                System.out.println("PROGRESS " + total[0]);
            }
        }
        if (problem[0] != null)
        {
            System.out.println("BAD " + problem[0]);
        }
        else
        {
            System.out.println("RESULT total=" + total[0] + " publishers=" + new java.util.TreeMap<>(next));
        }
        client.close();
    }
}
