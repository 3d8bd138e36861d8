package io.nanostream.driver.conductor;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.Counter;
import io.nanostream.buffer.CounterSet;
import io.nanostream.buffer.CountersDescriptor;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.PublicationCounters;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.LogLayout;
import io.nanostream.log.TermAppender;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Positions read from shared memory may be garbage: a subscriber's position counter far past anything published
 * must neither make the driver clean away frames nobody has read nor open the publisher limit past the producer.
 */
class GarbagePositionTest
{
    private static final int TERM_LENGTH = LogLayout.TERM_MIN_LENGTH;

    private final DriverCounters counters = new DriverCounters(new CounterSet(AtomicBuffer.allocateHeap(64 * CountersDescriptor.METADATA_LENGTH),
        AtomicBuffer.allocateHeap(64 * CountersDescriptor.VALUE_LENGTH), 0), new ManualClock());
    private final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateDirect(3 * TERM_LENGTH +
        LogLayout.METADATA_LENGTH), TERM_LENGTH, 1408, 0, 5, 10);

    @Test
    void aSubscriberPositionFarPastTheProducerCleansNothingUnreadAndLeavesTheLimitAtTheProducer()
    {
        final PublicationCounters publicationCounters = counters.publication(1, 5, 10, 7, "nano:ipc");
        final int window = TERM_LENGTH / 2;
        final IpcPublication publication = new IpcPublication(1, 5, 10, false, log, window, publicationCounters, 0);
        final Counter position = counters.subscriberPosition(2, 5, 10, 8, "nano:ipc", 0);
        publication.subscribers.add(new SubscriberPosition(position, 2, 3, 8));
        new TermAppender(log.term(0), log.metadata(), 0).appendUnfragmented(5, 10, AtomicBuffer.allocateHeap(32), 0, 32,
            null);

        position.set(100L * TERM_LENGTH); // written by a broken or hostile client
        for (int i = 0; i < 10; i++)
        {
            publication.update(i, Long.MAX_VALUE);
        }

        assertThat(FrameHeader.frameLengthAcquire(log.term(0),
            0)).as("the frame at the producer's term, unread").isEqualTo(64);
        assertThat(publicationCounters.limit().get()).as("the limit").isLessThanOrEqualTo(64L + window);
    }
}
