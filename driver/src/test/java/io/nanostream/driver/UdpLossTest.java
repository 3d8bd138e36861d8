package io.nanostream.driver;

import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.loss.GapLoss;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.loss.RandomLoss;
import io.nanostream.driver.loss.LossReport;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.log.FrameType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reliable delivery through injected loss: data, status messages and NAKs dropped at random with a seed
 * on either side, and fixed gaps. Every message must arrive exactly once, in order, intact; the repair
 * counters must account for what was dropped; the sender must not grow. The message count is short for
 * CI; {@code -Dnanostream.loss.messages=1000000} makes it a soak.
 */
class UdpLossTest
{
    private static final long MESSAGES = Long.getLong("nanostream.loss.messages", 10_000);
    /** The transfer is made in this many equal parts, each measured for the sender's allocation. */
    private static final int WINDOWS = 4;
    private final List<AutoCloseable> resources = new ArrayList<>();

    private <T extends AutoCloseable> T keep(final T resource)
    {
        resources.add(0, resource);
        return resource;
    }

    @AfterEach
    void close() throws Exception
    {
        for (final AutoCloseable resource : resources)
        {
            resource.close();
        }
    }

    /**
     * Runs the repair path once before the allocation checks below, so that they see what repair costs, not what the
     * JVM spends the first time it runs the code: the native socket calls' method handles are customised once each
     * (classes made on the calling thread), measured at about 130 KB on the sender thread in the first case of a JVM
     * with batched sockets. {@code UdpZeroAllocationTest} warms up the data path the same way.
     */
    @BeforeAll
    static void warmUpTheRepairPath() throws Exception
    {
        final DriverContext sendingContext = UdpRoundTripTest.context(ThreadingMode.DEDICATED);
        sendingContext.lossInjection().send(() -> new RandomLoss(0.05, 3, FrameType.DATA));
        try (MediaDriver sending = MediaDriver.launch(sendingContext);
             MediaDriver receiving = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.DEDICATED));
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sending.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiving.directory())))
        {
            final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
            try (Subscription subscription = subscriberClient.addSubscription(channel, 9);
                 ExclusivePublication publication = publisherClient.addExclusivePublication(channel, 9))
            {
                UdpTransfer.transfer(publication, subscription, MESSAGES, 4000, 120);
            }
        }
    }

    /** Collects the generators a driver creates, to read their drop counts afterwards. */
    private static Supplier<LossGenerator> random(final double rate, final long seed, final List<RandomLoss> made,
        final int... types)
    {
        return () ->
        {
            final RandomLoss loss = new RandomLoss(rate, seed + made.size(), types);
            made.add(loss);
            return loss;
        };
    }

    @ParameterizedTest(name = "{0} loss of data sent, {1} of control frames")
    @CsvSource({"0.05, 0.0", "0.20, 0.0", "0.05, 0.10", "0.20, 0.20"})
    void everyMessageArrivesOnceInOrderThroughRandomLoss(final double dataRate,
        final double controlRate) throws Exception
    {
        final List<RandomLoss> dataLoss = new ArrayList<>();
        final List<RandomLoss> controlLoss = new ArrayList<>();
        final DriverContext sendingContext = UdpRoundTripTest.context(ThreadingMode.DEDICATED);
        sendingContext.lossInjection().send(random(dataRate, 7, dataLoss, FrameType.DATA))
            .receive(random(controlRate, 11, controlLoss, FrameType.SM, FrameType.NAK));
        final MediaDriver sending = keep(MediaDriver.launch(sendingContext));
        final DriverContext receivingContext = UdpRoundTripTest.context(ThreadingMode.DEDICATED);
        receivingContext.lossInjection().receive(random(dataRate, 13, dataLoss, FrameType.DATA))
            .send(random(controlRate, 17, controlLoss, FrameType.SM, FrameType.NAK));
        final MediaDriver receiving = keep(MediaDriver.launch(receivingContext));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        final Subscription subscription = keep(subscriberClient.addSubscription(channel, 9));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel, 9));
        UdpTransfer.waitConnected(publication, subscription);

        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long senderThread = senderThreadOf(sending);
        final long[] senderBytes = new long[WINDOWS];
        for (int window = 0; window < WINDOWS; window++)
        {
            final long before = threads.getThreadAllocatedBytes(senderThread);
            UdpTransfer.transfer(publication, subscription, MESSAGES / WINDOWS, 4000, 120);
            senderBytes[window] = threads.getThreadAllocatedBytes(senderThread) - before;
        }

        final long droppedData = dataLoss.stream().mapToLong(RandomLoss::dropped).sum();
        final TransportCounters sent = sending.transportCounters();
        final TransportCounters received = receiving.transportCounters();
        final long retransmits = sent.value("udp retransmits");
        assertThat(droppedData).as("data datagrams dropped").isPositive();
        assertThat(received.value("udp NAKs sent")).as("NAKs sent").isPositive();
        assertThat(sent.value("udp NAKs received")).as("NAKs received").isPositive()
            .isLessThanOrEqualTo(received.value("udp NAKs sent"));
        assertThat(retransmits).as("resends cover the dropped datagrams (%d), tail losses aside", droppedData)
            .isGreaterThanOrEqualTo(droppedData / 2);
        // a NAK retried while its resend is on the way is answered again, and a loaded machine makes more of those:
        // only a storm (a window resent per NAK, or resends answering resends) would come near this
        assertThat(retransmits).as("no resend storm").isLessThan(droppedData * 20 + 1000);
        assertThat(sent.value("udp invalid frames dropped") + received.value("udp invalid frames dropped")).isZero();
        // repair that allocates per message allocates in every window; what the JVM spends once (a path first taken
        // under load, a method handle customised) lands in one
        assertThat(Arrays.stream(senderBytes).min().orElseThrow()).as("bytes the sender thread allocated while repairing, " +
            "in its quietest window of %d messages (all windows: %s)", MESSAGES / WINDOWS, Arrays.toString(senderBytes))
            .isLessThan(16 * 1024);
    }

    @Test
    void fixedGapsAreNakedAndRepaired() throws Exception
    {
        final List<GapLoss> gaps = new ArrayList<>();
        final DriverContext sendingContext = UdpRoundTripTest.context(ThreadingMode.SHARED);
        sendingContext.lossInjection().send(() ->
        {
            final GapLoss loss = GapLoss.inFirstTerm(0, 4096, 8192);
            gaps.add(loss);
            return loss;
        });
        final MediaDriver sending = keep(MediaDriver.launch(sendingContext));
        final MediaDriver receiving = keep(MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED)));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        final Subscription subscription = keep(subscriberClient.addSubscription(channel, 9));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel, 9));
        UdpTransfer.transfer(publication, subscription, 2_000, 4000, 60);
        assertThat(gaps).singleElement().satisfies(gap -> assertThat(gap.allDropped()).isTrue());
        assertThat(receiving.transportCounters().value("udp NAKs sent")).isPositive();
        assertThat(sending.transportCounters().value("udp retransmits")).isPositive();
        try (MappedFile file = MappedFile.open(receiving.directory().resolve(LossReport.FILE_NAME)))
        {
            final List<String> entries = new ArrayList<>();
            new LossReport(file.buffer()).forEach((observations, bytes, first, last, sessionId, streamId, channelName,
                source) -> entries.add(observations + " " + bytes + " " + sessionId + " " + streamId + " " +
                channelName));
            assertThat(entries).as("loss report").singleElement().satisfies(entry ->
            {
                final String[] fields = entry.split(" ");
                assertThat(Long.parseLong(fields[0])).as("gaps observed").isGreaterThanOrEqualTo(3);
                assertThat(Long.parseLong(fields[1])).as("bytes lost").isPositive();
                assertThat(Integer.parseInt(fields[2])).isEqualTo(publication.sessionId());
                assertThat(Integer.parseInt(fields[3])).isEqualTo(9);
            });
        }
    }

    private static long senderThreadOf(final MediaDriver driver)
    {
        // each DEDICATED driver has a sender thread; the oldest belongs to the driver launched first, the sending one
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("nano-stream-sender"))
            .mapToLong(Thread::threadId).min().orElseThrow();
    }
}
