package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.concurrent.ManualClock;
import io.nanostream.driver.auth.DatagramAuthenticator;
import io.nanostream.driver.auth.KeyRing;
import io.nanostream.driver.status.DriverCounters;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.DatagramBuilder;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes an {@code auth=} receive endpoint: datagrams built from valid parts with fuzzed fields, signed as the real
 * sender signs them, then sent as they are, with one byte changed, cut short, or as raw bytes. A datagram that is not
 * exactly as signed must be refused before anything else reads it: the refusal counters go up by one, and nothing else
 * the endpoint counts or the image holds changes. Nothing may throw.
 */
class AuthenticatedReceiverFuzzTest
{
    private static final KeyRing KEYS = keys();

    @FuzzTest // executions, seed and time limit come from the build (fuzz.* properties in the parent POM)
    void onlyDatagramsExactlyAsSignedGetPastTheCheck(final FuzzedDataProvider data)
    {
        final ManualClock clock = new ManualClock(1, 1_800_000_000_000L);
        final DriverCounters counters = Fixtures.counters();
        final TransportCounters transport = counters.transport();
        final ReceiveChannelEndpoint endpoint = new ReceiveChannelEndpoint(Fixtures.channel(), transport,
            Fixtures.conductorQueue(), io.nanostream.driver.udp.ReceiverLimits.DEFAULT, error -> { },
            new DatagramAuthenticator("ops", KEYS, clock));
        endpoint.subscribe(Fixtures.STREAM_ID, SessionFilter.ANY);
        final PublicationImage image = Fixtures.image(endpoint, counters, 0);
        endpoint.addImage(image);
        final DatagramAuthenticator signer = new DatagramAuthenticator("ops", KEYS, clock);
        final AtomicBuffer frames = AtomicBuffer.allocateDirect(8192);
        final AtomicBuffer sent = AtomicBuffer.allocateDirect(16384);

        while (data.remainingBytes() > 0)
        {
            final int framesLength = DatagramBuilder.fuzzed(frames, data, Fixtures.SESSION_ID, Fixtures.STREAM_ID,
                Fixtures.INITIAL_TERM_ID);
            int length = signer.sign(frames, 0, framesLength);
            sent.putBytes(0, signer.signed(), 0, length);
            final int change = data.consumeInt(0, 3);
            switch (change)
            {
                case 1 -> // one byte changed
                {
                    final int at = data.consumeInt(0, length - 1);
                    sent.putByte(at, (byte)(sent.getByte(at) ^ data.consumeInt(1, 255)));
                }
                case 2 -> length = data.consumeInt(0, length - 1); // cut short
                case 3 -> // raw bytes, unsigned or with a made-up header
                {
                    final byte[] raw = data.consumeBytes(data.consumeInt(0, 4096));
                    sent.putBytes(0, raw, 0, raw.length);
                    length = raw.length;
                }
                default ->
                {
                    // exactly as signed
                }
            }
            final long refusedBefore = transport.authFailures.get() + transport.authStale.get();
            final long otherBefore = otherCounters(transport);
            final long highWaterMark = image.counters().highWaterMark().get();
            endpoint.onDatagram(sent, length, Fixtures.SOURCE, clock.nanoTime());
            final long refused = transport.authFailures.get() + transport.authStale.get() - refusedBefore;
            if (change == 0)
            {
                assertThat(refused).as("a datagram exactly as signed is not refused").isZero();
            }
            else if (refused == 1)
            {
                assertThat(otherCounters(transport)).as("a refused datagram is read no further").isEqualTo(otherBefore);
                assertThat(image.counters().highWaterMark().get()).isEqualTo(highWaterMark);
            }
            else
            {
                assertThat(change).as("only raw bytes may happen to be a signed datagram: never").isEqualTo(-1);
            }
            image.poll(clock.nanoTime());
            clock.advance(data.consumeInt(0, 1_000_000), java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        assertThat(transport.value("udp errors caught")).as("exceptions the endpoint caught (and would have hidden)").isZero();
    }

    private static long otherCounters(final TransportCounters transport)
    {
        return transport.invalidFrames.get() + transport.unknownSessionFrames.get() + transport.duplicateFrames.get() +
            transport.windowOverruns.get() + transport.framesFromWrongSource.get() +
            transport.framesRefusedByFilter.get();
    }

    private static KeyRing keys()
    {
        try
        {
            final Path file = Files.createTempFile("nano-stream-fuzz-keys", ".txt");
            file.toFile().deleteOnExit();
            Files.writeString(file, "ops 1 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
            return KeyRing.load(file, 10_000);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
