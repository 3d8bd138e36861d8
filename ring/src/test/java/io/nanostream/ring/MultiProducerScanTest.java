package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-producer availability scan reads eight flags at a time where it can: it must stop exactly where a
 * flag at a time would, at any start, any length, across the ring's end and across laps.
 */
class MultiProducerScanTest
{
    @Test
    void theScanStopsAtTheFirstUnpublishedSlotWhereverItIs()
    {
        final SplittableRandom random = new SplittableRandom(42);
        for (final int size : new int[] {4, 8, 16, 64})
        {
            final MultiProducerSequencer sequencer = new MultiProducerSequencer(size, new BusySpinWaitStrategy());
            final Sequence consumer = new Sequence();
            sequencer.addGatingSequences(consumer);
            for (int round = 0; round < 2_000; round++)
            {
                final long from = consumer.get() + 1;
                final int claimed = 1 + random.nextInt(size);
                final long hi = sequencer.next(claimed);
                final boolean[] published = new boolean[claimed];
                for (int i = 0; i < claimed; i++)
                {
                    published[i] = random.nextInt(4) != 0;
                    if (published[i])
                    {
                        sequencer.publish(from + i);
                    }
                }
                long expected = from - 1;
                while (expected + 1 <= hi && published[(int)(expected + 1 - from)])
                {
                    expected++;
                }
                final long start = from + random.nextInt(claimed);
                long expectedFromStart = start - 1;
                while (expectedFromStart + 1 <= hi && published[(int)(expectedFromStart + 1 - from)])
                {
                    expectedFromStart++;
                }
                assertThat(sequencer.getHighestPublishedSequence(from, hi)).as("size %d round %d", size,
                    round).isEqualTo(expected);
                assertThat(sequencer.getHighestPublishedSequence(start, hi)).as("from %d",
                    start).isEqualTo(expectedFromStart);
                for (int i = 0; i < claimed; i++)
                {
                    if (!published[i])
                    {
                        sequencer.publish(from + i);
                    }
                }
                assertThat(sequencer.getHighestPublishedSequence(from, hi)).isEqualTo(hi);
                consumer.set(hi);
            }
        }
    }

    @Test
    void aSlotStillHoldingTheLastLapIsNotPublished()
    {
        final MultiProducerSequencer sequencer = new MultiProducerSequencer(16, new BusySpinWaitStrategy());
        final Sequence consumer = new Sequence();
        sequencer.addGatingSequences(consumer);
        sequencer.publish(0, sequencer.next(16));
        consumer.set(15);
        final long hi = sequencer.next(16);
        sequencer.publish(16, 26); // slots 11..15 still hold lap 0's flags, which a scan of lap 1 must not accept
        assertThat(sequencer.getHighestPublishedSequence(16, hi)).isEqualTo(26);
        assertThat(sequencer.getHighestPublishedSequence(24, hi)).isEqualTo(26);
    }
}
