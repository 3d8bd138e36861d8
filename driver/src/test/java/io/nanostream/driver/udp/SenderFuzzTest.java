package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.SenderCounters;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.log.LogBuffers;
import io.nanostream.log.TermAppender;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes what the sender does with control datagrams (status messages, NAKs, RTT measurements, errors,
 * anything): nothing may throw, and no status message may move the flow-control limit more than half a
 * term past what was sent.
 */
class SenderFuzzTest
{
    @FuzzTest // executions, seed and time limit come from the build (fuzz.* properties in the parent POM)
    void controlDatagramsNeverBreakTheSender(final FuzzedDataProvider data)
    {
        final DriverCounters counters = Fixtures.counters();
        final LogBuffers log = Fixtures.log(Fixtures.SESSION_ID, Fixtures.STREAM_ID);
        final SenderCounters senderCounters = counters.sender(1, Fixtures.SESSION_ID, Fixtures.STREAM_ID, 0,
            "udp-test");
        final NetworkPublication publication = new NetworkPublication(1, log, Fixtures.channel(), LossGenerator.NONE,
            LossGenerator.NONE, counters.transport(), senderCounters, 10_000_000_000L,
            FlowControl.parse(data.consumeBoolean() ? "min" : "max"), SocketBatching.OFF, null, null, error -> { });
        final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
        final AtomicBuffer payload = AtomicBuffer.allocateHeap(256);
        for (int i = 0; i < 40; i++)
        {
            appender.appendUnfragmented(Fixtures.SESSION_ID, Fixtures.STREAM_ID, payload, 0, 8 + i * 4, null);
        }
        try
        {
            final AtomicBuffer control = publication.controlBuffer();
            StatusMessage.put(control, 0, Fixtures.SESSION_ID, Fixtures.STREAM_ID, Fixtures.INITIAL_TERM_ID, 0, 4096,
                1);
            publication.onControl(StatusMessage.LENGTH, 1);
            publication.send(2);
            assertThat(publication.senderPosition()).as("data sent once a receiver granted a window").isPositive();
            long now = 3;
            final int half = Fixtures.TERM_LENGTH / 2;
            while (data.remainingBytes() > 0)
            {
                final int length = DatagramBuilder.fuzzed(control, data, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
                    Fixtures.INITIAL_TERM_ID);
                publication.onControl(length, now);
                publication.send(now);
                now += data.consumeInt(0, 200_000_000);
                assertThat(senderCounters.limit().get()).isLessThanOrEqualTo(publication.senderPosition() + half);
            }
        }
        finally
        {
            publication.closeSocket();
        }
    }
}
