package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.loss.RandomLoss;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import io.nanostream.log.FrameType;

/**
 * Multicast on loopback: one sender, three receivers in three drivers, with "max" and "min" flow control,
 * loss at one receiver that it repairs by NAK while "min" holds the sender to its pace, and loss at the
 * sender that every receiver sees, where one receiver's NAK brings a resend that fills all their gaps.
 * Loopback has no MULTICAST flag by default; as root the test sets it and a 224.0.0.0/4 route, otherwise it is
 * skipped with the commands to run.
 */
class UdpMulticastTest
{
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void multicastOnLoopback() throws Exception
    {
        final NetworkInterface loopback = NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress());
        if (!loopback.supportsMulticast() && "0".equals(run("id", "-u").trim()))
        {
            run("ip", "link", "set", loopback.getName(), "multicast", "on");
            run("ip", "route", "replace", "224.0.0.0/4", "dev", loopback.getName());
        }
        Assumptions.assumeTrue(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()).supportsMulticast(),
            "loopback has no MULTICAST flag; as root run: ip link set lo multicast on && ip route add 224.0.0.0/4 dev lo");
    }

    private static String run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }

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
     * One sender and three receivers, each in its own driver; the first receiver's driver may drop data it receives.
     */
    private ExclusivePublication setUp(
        final String flowControl, final double receiverLoss, final double senderLoss, final List<MediaDriver> drivers,
        final List<Subscription> subscriptions)
    {
        return setUp(flowControl, "64k", receiverLoss, senderLoss, drivers, subscriptions);
    }

    private ExclusivePublication setUp(
        final String flowControl, final String termLength, final double receiverLoss, final double senderLoss,
        final List<MediaDriver> drivers, final List<Subscription> subscriptions)
    {
        final int port = UdpTransfer.freePort();
        final String channel = "nano:udp?endpoint=224.0.1.7:" + port + "|interface=127.0.0.1|term-length=" + termLength;
        final DriverContext sendingContext = UdpRoundTripTest.context(ThreadingMode.SHARED);
        if (senderLoss > 0)
        {
            sendingContext.lossInjection().send(() -> new RandomLoss(senderLoss, 5, FrameType.DATA));
        }
        final MediaDriver sending = keep(MediaDriver.launch(sendingContext));
        drivers.add(sending);
        for (int i = 0; i < 3; i++)
        {
            final DriverContext context = UdpRoundTripTest.context(ThreadingMode.SHARED);
            if (i == 0 && receiverLoss > 0)
            {
                context.lossInjection().receive(() -> new RandomLoss(receiverLoss, 3, FrameType.DATA));
            }
            final MediaDriver driver = keep(MediaDriver.launch(context));
            drivers.add(driver);
            final NanoStream client = keep(NanoStream.connect(new ClientContext().directory(driver.directory())));
            subscriptions.add(keep(client.addSubscription(channel, 4)));
        }
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel + "|fc=" +
            flowControl, 4));
        for (final Subscription subscription : subscriptions)
        {
            UdpTransfer.waitConnected(publication, subscription);
        }
        return publication;
    }

    /** Publishes while draining the given subscriptions on threads of their own; returns what each drain threw. */
    private static List<Throwable> transfer(
        final ExclusivePublication publication, final List<Subscription> subscriptions,
        final long messages) throws Exception
    {
        return transfer(publication, subscriptions, messages, 0);
    }

    private static List<Throwable> transfer(
        final ExclusivePublication publication, final List<Subscription> subscriptions, final long messages,
        final long pauseNanosPer64) throws Exception
    {
        final List<Throwable> failures = new CopyOnWriteArrayList<>();
        final List<Thread> drains = new ArrayList<>();
        for (final Subscription subscription : subscriptions)
        {
            final Thread drain = new Thread(() -> UdpTransfer.drain(subscription, messages, 4000, 60));
            drain.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
            drain.start();
            drains.add(drain);
        }
        UdpTransfer.publish(publication, messages, 4000, 60, pauseNanosPer64);
        for (final Thread drain : drains)
        {
            drain.join();
        }
        return failures;
    }

    @Test
    void minFlowControlHoldsTheSenderToALossyReceiverAndAllGetEverything() throws Exception
    {
        final List<MediaDriver> drivers = new ArrayList<>();
        final List<Subscription> subscriptions = new ArrayList<>();
        final ExclusivePublication publication = setUp("min", 0.1, 0, drivers, subscriptions);
        assertThat(transfer(publication, subscriptions, 5_000)).isEmpty();
        assertThat(drivers.get(1).transportCounters().value("udp datagrams dropped by loss injection")).as("loss at one receiver")
            .isPositive();
        assertThat(drivers.get(2).transportCounters().value("udp datagrams dropped by loss injection")).as("and not at another").isZero();
        assertThat(drivers.get(1).transportCounters().value("udp NAKs sent")).as("NAKs from the lossy receiver").isPositive();
        assertThat(drivers.get(0).transportCounters().value("udp retransmits")).isPositive();
    }

    /**
     * "max" lets the sender run at the fastest receiver's pace: a receiver that loses data the sender no longer
     * holds (more than a term behind) cannot be repaired, as with Aeron. A 16 MiB term keeps enough to repair
     * what the kernel drops when three receivers share two cores, and the publisher is paced a little.
     */
    @Test
    void maxFlowControlFollowsTheFastestReceiverAndAllKeepUpWithAPacedPublisher() throws Exception
    {
        final List<MediaDriver> drivers = new ArrayList<>();
        final List<Subscription> subscriptions = new ArrayList<>();
        final ExclusivePublication publication = setUp("max", "16m", 0, 0, drivers, subscriptions);
        assertThat(transfer(publication, subscriptions, 10_000, 200_000)).isEmpty();
    }

    /**
     * Loss at the sender (each dropped datagram is a gap at all three receivers) is repaired for every one of them. How
     * many NAKs the random backoff saves depends on how the machine schedules three receivers, so it is not counted
     * here: {@code LossDetectorTest} shows the backoff itself.
     */
    @Test
    void lossAtTheSenderIsRepairedForEveryReceiver() throws Exception
    {
        final List<MediaDriver> drivers = new ArrayList<>();
        final List<Subscription> subscriptions = new ArrayList<>();
        final ExclusivePublication publication = setUp("min", 0, 0.05, drivers, subscriptions);
        assertThat(transfer(publication, subscriptions, 5_000)).isEmpty();
        assertThat(drivers.get(0).transportCounters().value("udp datagrams dropped by loss injection")).isPositive();
        for (final MediaDriver receiver : drivers.subList(1, 4))
        {
            assertThat(receiver.transportCounters().value("udp gaps NAKed")).as("a receiver that saw the gaps").isPositive();
        }
    }
}
