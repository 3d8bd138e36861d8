package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Exclusive publications whose log starts where the channel says ({@code init-term-id}, {@code term-id},
 * {@code term-offset}), as a stream is continued after a restart: subscribers over IPC and UDP join there, and every
 * message from there arrives, across terms.
 */
class PositionedPublicationTest
{
    private static final int TERM_LENGTH = 64 * 1024;
    /** Term 9 of a log that began with term 7, 4 KiB in: ((9 - 7) << 16) + 4096. */
    private static final String START = "term-length=64k|init-term-id=7|term-id=9|term-offset=4096";
    private static final long START_POSITION = (2L << 16) + 4096;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception
    {
        for (int i = resources.size() - 1; i >= 0; i--)
        {
            resources.get(i).close();
        }
    }

    private <T extends AutoCloseable> T keep(final T resource)
    {
        resources.add(resource);
        return resource;
    }

    @Test
    void anIpcPublicationStartsWhereTheChannelSaysAndSubscribersJoinThere() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED)));
        final NanoStream client = keep(driver.connect());
        final Subscription subscription = keep(client.addSubscription("nano:ipc", 5));
        final ExclusivePublication publication = keep(client.addExclusivePublication("nano:ipc?" + START, 5));
        assertThat(publication.position()).isEqualTo(START_POSITION);
        transferAcrossTerms(publication, subscription);
    }

    @Test
    void aUdpPublicationStartsWhereTheChannelSaysAndTheRemoteImageJoinsThere() throws Exception
    {
        final MediaDriver sending = keep(MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED)));
        final MediaDriver receiving = keep(MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED)));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        final Subscription subscription = keep(subscriberClient.addSubscription(channel, 5));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel + "|" + START,
            5));
        transferAcrossTerms(publication, subscription);
    }

    @Test
    void aStartIsRefusedOnASharedPublicationAndBeyondTheTermWithTheFix()
    {
        final MediaDriver driver = keep(MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED)));
        final NanoStream client = keep(driver.connect());
        assertThatThrownBy(() -> client.addPublication("nano:ipc?" + START,
            5)).isInstanceOf(RegistrationException.class)
            .hasMessageContaining("exclusive publication").hasMessageContaining("addExclusivePublication");
        // the driver's default term length (16 MiB) holds an offset that a 64 KiB term
        // does not, and the other way round
        assertThatThrownBy(() -> client.addExclusivePublication("nano:ipc?init-term-id=0|term-id=0|term-offset=1048576|" +
            "term-length=64k", 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("term-offset 1048576");
        final DriverContext small = UdpRoundTripTest.context(ThreadingMode.SHARED).ipcTermLength(TERM_LENGTH);
        final MediaDriver smallDriver = keep(MediaDriver.launch(small));
        final NanoStream smallClient = keep(smallDriver.connect());
        assertThatThrownBy(() -> smallClient.addExclusivePublication("nano:ipc?init-term-id=0|term-id=0|term-offset=1048576", 5))
            .isInstanceOf(RegistrationException.class).hasMessageContaining("beyond the term length 65536");
        assertThat(smallClient.isClosed()).isFalse();
    }

    /** 2,000 messages of up to 1 KiB from the start position, across several 64 KiB terms, each checked. */
    private static void transferAcrossTerms(final ExclusivePublication publication, final Subscription subscription)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!publication.isConnected() || subscription.imageCount() == 0)
        {
            assertThat(System.nanoTime() - deadline).as("connected").isNegative();
            Thread.sleep(1);
        }
        final Image image = subscription.images().getFirst();
        assertThat(image.joinPosition()).as("the subscriber joins where the log starts").isEqualTo(START_POSITION);
        final AtomicBuffer message = AtomicBuffer.allocateHeap(1024);
        final long[] next = {0};
        final List<String> problems = new ArrayList<>();
        final FragmentAssembler checker = new FragmentAssembler((buffer, offset, length, header) ->
        {
            if (buffer.getLong(offset) != next[0] || length != 8 + (int)(next[0] % 1000))
            {
                problems.add("message " + buffer.getLong(offset) + " of " + length + " bytes where " + next[0] +
                    " was due");
            }
            next[0]++;
        });
        long sent = 0;
        while (next[0] < 2_000)
        {
            assertThat(System.nanoTime() - deadline).as("received " + next[0]).isNegative();
            if (sent < 2_000)
            {
                message.putLong(0, sent);
                if (publication.offer(message, 0, 8 + (int)(sent % 1000)) > 0)
                {
                    sent++;
                }
            }
            if (subscription.poll(checker, 64) == 0)
            {
                Thread.yield();
            }
        }
        assertThat(problems).isEmpty();
        assertThat(image.position()).as("several terms past the start").isGreaterThan(START_POSITION +
            10L * TERM_LENGTH);
    }
}
