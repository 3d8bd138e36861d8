package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.CounterTypes;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tether=false}: one subscriber reads everything while another never reads. The untethered one holds the
 * publisher at its window only until the window limit timeout; then its image becomes unavailable, it rests, and it
 * rejoins at the live position and reads on from there, in order. The fast one gets every message in order throughout.
 * The same for IPC, for a spy, and for UDP. A tethered subscriber that never reads holds the publisher for good.
 */
class UntetheredSubscriptionTest
{
    private static final int STREAM_ID = 61;
    private static final String UNTETHERED = "tether=false|untethered-window-limit-timeout=100ms|untethered-resting-timeout=200ms";
    /** Enough to pass a 64k term's window many times over. */
    private static final long MESSAGES = 30_000;

    @Test
    void anIpcSubscriberThatStopsIsLeftBehindAndRejoins() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            leftBehindAndRejoins(driver, client, "nano:ipc?term-length=64k", "nano:ipc", "nano:ipc?" + UNTETHERED);
        }
    }

    @Test
    void aUdpSubscriberThatStopsIsLeftBehindAndRejoins() throws Exception
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            leftBehindAndRejoins(driver, client, channel + "|term-length=64k", channel, channel + "|" + UNTETHERED);
        }
    }

    @Test
    void aSpyThatStopsIsLeftBehindAndRejoins() throws Exception
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            leftBehindAndRejoins(driver, client, channel + "|term-length=64k", channel, "nano-spy:" + channel + "|" +
                UNTETHERED);
        }
    }

    @Test
    void withRejoinFalseItIsLeftForGood() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", STREAM_ID);
             Subscription fast = client.addSubscription("nano:ipc", STREAM_ID);
             Subscription slow = client.addSubscription("nano:ipc?" + UNTETHERED + "|rejoin=false", STREAM_ID))
        {
            final long[] next = {0};
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (next[0] < MESSAGES)
            {
                assertThat(System.nanoTime()).as("the fast subscriber got %d of %d", next[0],
                    MESSAGES).isLessThan(deadline);
                offerNext(publication, message, next, fast);
            }
            while (slow.imageCount() != 0)
            {
                assertThat(System.nanoTime()).as("the slow one's image went").isLessThan(deadline);
                Thread.sleep(1);
            }
            Thread.sleep(500); // past the resting timeout: it must not come back
            assertThat(slow.imageCount()).isZero();
            assertThat(FeatureCounters.read(driver.directory(),
                CounterTypes.UNTETHERED_SUBSCRIBER)).as("its state counter freed").isEmpty();
        }
    }

    @Test
    void aTetheredSubscriberThatStopsHoldsThePublisherAtItsWindow() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k", STREAM_ID);
             Subscription fast = client.addSubscription("nano:ipc", STREAM_ID);
             Subscription slow = client.addSubscription("nano:ipc", STREAM_ID))
        {
            final long[] next = {0};
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            while (!publication.isConnected())
            {
                Thread.yield();
            }
            final long end = System.nanoTime() +
                TimeUnit.MILLISECONDS.toNanos(500); // five window limit timeouts of the tests above
            while (System.nanoTime() < end)
            {
                offerNext(publication, message, next, fast);
            }
            assertThat(next[0] * 96).as("no more than a term's window past the subscriber that never read").isLessThanOrEqualTo(64 * 1024);
            assertThat(slow.imageCount()).isEqualTo(1);
        }
    }

    /** Offers the next message if it can, and lets the fast subscriber read. */
    private static void offerNext(final Publication publication, final AtomicBuffer message, final long[] next,
        final Subscription fast)
    {
        message.putLong(0, next[0]);
        final long result = publication.offer(message, 0, 64);
        if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
        {
            throw new AssertionError("offer failed with " + result);
        }
        if (result > 0)
        {
            next[0]++;
        }
        fast.poll((buffer, offset, length, header) -> { }, 256);
    }

    /**
     * On a busy machine a rejoined subscriber can be left behind again (it rests at the window limit whenever this
     * thread is descheduled for the timeout), so the checks hold for any number of further leaves and rejoins: what it
     * reads after each rejoin is in order from the live position, and every rejoin follows a leave.
     */
    private void leftBehindAndRejoins(final MediaDriver driver, final NanoStream client,
        final String publicationChannel, final String fastChannel, final String slowChannel) throws Exception
    {
        final List<Long> slowJoins = new CopyOnWriteArrayList<>();
        final List<Long> slowLeaves = new CopyOnWriteArrayList<>();
        try (ExclusivePublication publication = client.addExclusivePublication(publicationChannel, STREAM_ID);
             Subscription fast = client.addSubscription(fastChannel, STREAM_ID);
             Subscription slow = client.addSubscription(slowChannel, STREAM_ID,
                 image -> slowJoins.add(image.joinPosition()), image -> slowLeaves.add(image.position())))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            final List<Long> fastReceived = new ArrayList<>();
            final List<List<Long>> slowRuns = new ArrayList<>(); // what it read after each rejoin: a new run at each jump
            boolean statShowedItActiveAgain = false;
            long next = 0;
            long iterations = 0;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            // publish, read with the fast subscriber only, until the slow one has left,
            // come back, and read 1,000 messages
            while (fastReceived.size() < MESSAGES || slowJoins.size() < 2 || slowRuns.isEmpty() ||
                slowRuns.getLast().size() < 1000 || !statShowedItActiveAgain)
            {
                assertThat(System.nanoTime()).as("fast %d of %d, slow joined %s, left %s, read %s after rejoining, stat showed it active %s",
                    fastReceived.size(), MESSAGES, slowJoins, slowLeaves, slowRuns.stream().map(List::size).toList(),
                    statShowedItActiveAgain).isLessThan(deadline);
                message.putLong(0, next);
                final long result = publication.offer(message, 0, 64);
                if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                {
                    throw new AssertionError("offer failed with " + result);
                }
                if (result > 0)
                {
                    next++;
                }
                fast.poll((buffer, offset, length, header) -> fastReceived.add(buffer.getLong(offset)), 256);
                if (slowJoins.size() >= 2)
                {
                    slow.poll((buffer, offset, length, header) ->
                    {
                        final long value = buffer.getLong(offset);
                        if (slowRuns.isEmpty() || slowRuns.getLast().getLast() + 1 != value)
                        {
                            slowRuns.add(new ArrayList<>());
                        }
                        slowRuns.getLast().add(value);
                    }, 256);
                    if (!statShowedItActiveAgain && ++iterations % 64 == 0)
                    {
                        statShowedItActiveAgain = FeatureCounters.read(driver.directory(),
                            CounterTypes.UNTETHERED_SUBSCRIBER).stream()
                            .anyMatch(line -> line.startsWith("0 sub-tether"));
                    }
                }
            }
            for (int i = 0; i < fastReceived.size(); i++)
            {
                assertThat(fastReceived.get(i)).as("the fast subscriber's message %d", i).isEqualTo(i);
            }
            assertThat(slowLeaves).as("it left before it rejoined, and before each rejoin after").hasSizeGreaterThanOrEqualTo(slowJoins.size() - 1);
            assertThat(slowJoins.get(1)).as("rejoined further on than it joined").isGreaterThan(slowJoins.get(0));
            assertThat(slowRuns).as("each jump in what it read is a rejoin").hasSizeLessThanOrEqualTo(slowJoins.size() - 1);
            for (final List<Long> run : slowRuns)
            {
                assertThat(run.getFirst()).as("it rejoined at the live position, not where it stopped").isPositive();
            }
            assertThat(slow.imageCount()).as("a rejoin replaces the image").isLessThanOrEqualTo(1);
        }
    }
}
