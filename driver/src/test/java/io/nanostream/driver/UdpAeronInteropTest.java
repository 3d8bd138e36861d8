package io.nanostream.driver;

import io.nanostream.buffer.ErrorLogReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.driver.process.AeronPeerMain;
import io.nanostream.driver.process.JavaProcess;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Aeron 1.47.4 driver and client, in their own JVM, talk to Nano-Stream over UDP on loopback:
 * Aeron publishes to a Nano-Stream subscriber, and a Nano-Stream publication reaches an Aeron
 * subscriber; small and fragmented messages arrive intact and in order both ways, unicast and multicast
 * (where receivers send status messages and NAKs to the control group, the data group + 1). Multicast needs a
 * multicast-capable loopback: as root the test sets it up, otherwise it is skipped with the commands to run.
 */
class UdpAeronInteropTest
{
    private static final List<String> AGRONA_FLAGS = List.of(
        "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
    private static final long MESSAGES = 5_000;
    private static final int MAX_LENGTH = 4000;

    @Test
    void aeronPublishesToNanoStream() throws Exception
    {
        final int port = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port, 1001);
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "publish",
                 "aeron:udp?endpoint=127.0.0.1:" + port + "|term-length=64k", "1001", Long.toString(MESSAGES),
                 Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            UdpTransfer.drain(subscription, MESSAGES, MAX_LENGTH, 60);
            aeron.await("SENT", 30);
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            assertThat(driver.transportCounters().value("udp invalid frames dropped")).isZero();
        }
    }

    @Test
    void nanoStreamPublishesToAeron() throws Exception
    {
        final int port = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "subscribe",
                 "aeron:udp?endpoint=127.0.0.1:" + port, "1002", Long.toString(MESSAGES), Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            try (ExclusivePublication publication = client.addExclusivePublication(
                "nano:udp?endpoint=127.0.0.1:" + port + "|term-length=64k", 1002))
            {
                UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60);
                aeron.await("RECEIVED", 60);
            }
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            assertThat(driver.transportCounters().value("udp invalid frames dropped")).isZero();
        }
    }

    @Test
    void aeronDynamicMultiDestinationCastReachesNanoStreamSubscribersThatJoinAtItsControlAddress(@TempDir final Path directory) throws Exception
    {
        final Path start = directory.resolve("start");
        final String control = "127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription first = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() +
                 "|control=" + control, 1011);
             Subscription second = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() +
                 "|control=" + control, 1011);
             JavaProcess aeron = JavaProcess.start(withStartFile(start), AeronPeerMain.class, "publish",
                 "aeron:udp?control=" + control + "|control-mode=dynamic|fc=min|term-length=64k", "1011",
                 Long.toString(MESSAGES), Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            awaitImages(first, second);
            Files.createFile(start); // both have joined: publish from message 0, which each must get
            drainBoth(first, second);
            aeron.await("SENT", 30);
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
        }
    }

    @Test
    void aeronManualMultiDestinationCastReachesNanoStreamDestinations(@TempDir final Path directory) throws Exception
    {
        final Path start = directory.resolve("start");
        final int firstPort = UdpTransfer.freePort();
        final int secondPort = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription first = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + firstPort, 1012);
             Subscription second = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + secondPort, 1012);
             JavaProcess aeron = JavaProcess.start(withStartFile(start), AeronPeerMain.class, "publish",
                 "aeron:udp?control-mode=manual|fc=min|term-length=64k", "1012", Long.toString(MESSAGES),
                 Integer.toString(MAX_LENGTH), "aeron:udp?endpoint=127.0.0.1:" + firstPort,
                 "aeron:udp?endpoint=127.0.0.1:" + secondPort))
        {
            aeron.await("READY", 30);
            awaitImages(first, second);
            Files.createFile(start);
            drainBoth(first, second);
            aeron.await("SENT", 30);
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
        }
    }

    @Test
    void nanoStreamDynamicMultiDestinationCastReachesAnAeronSubscriberThatJoinsAtItsControlAddress() throws Exception
    {
        final String control = "127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication(
                 "nano:udp?control=" + control + "|control-mode=dynamic|term-length=64k", 1013);
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "subscribe",
                 "aeron:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|control=" + control, "1013",
                 Long.toString(MESSAGES), Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60);
            aeron.await("RECEIVED", 60);
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            assertThat(driver.transportCounters().value("udp invalid frames dropped")).isZero();
        }
    }

    @Test
    void nanoStreamManualMultiDestinationCastReachesAnAeronDestination() throws Exception
    {
        final int port = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "subscribe",
                 "aeron:udp?endpoint=127.0.0.1:" + port, "1014", Long.toString(MESSAGES), Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            try (ExclusivePublication publication = client.addExclusivePublication("nano:udp?control-mode=manual|term-length=64k", 1014))
            {
                publication.addDestination("aeron:udp?endpoint=127.0.0.1:" + port);
                UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60);
                aeron.await("RECEIVED", 60);
            }
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            assertThat(driver.transportCounters().value("udp invalid frames dropped")).isZero();
        }
    }

    @Test
    void anAeronPublicationReachingBothDestinationsOfANanoStreamSubscriptionIsOneImage() throws Exception
    {
        final String first = "127.0.0.1:" + UdpTransfer.freePort();
        final String second = "127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:udp?control-mode=manual", 1015))
        {
            subscription.addDestination("nano:udp?endpoint=" + first);
            subscription.addDestination("nano:udp?endpoint=" + second);
            try (JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "publish",
                "aeron:udp?control-mode=manual|term-length=64k", "1015", Long.toString(MESSAGES),
                Integer.toString(MAX_LENGTH), "aeron:udp?endpoint=" + first, "aeron:udp?endpoint=" + second))
            {
                aeron.await("READY", 30);
                UdpTransfer.drain(subscription, MESSAGES, MAX_LENGTH, 60); // each message once, in order
                assertThat(subscription.imageCount()).as("one image, fed by both destinations").isEqualTo(1);
                aeron.await("SENT", 30);
                assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            }
        }
    }

    private static List<String> errors(final MediaDriver driver)
    {
        final List<String> errors = new ArrayList<>();
        try (MappedFile mapping = MappedFile.open(driver.directory().resolve(ControlFile.FILE_NAME)))
        {
            ErrorLogReader.read(new ControlFile(mapping.buffer()).errorLog(), (observations, first, last,
                error) -> errors.add(error));
        }
        return errors;
    }

    private static List<String> withStartFile(final Path start)
    {
        final List<String> flags = new ArrayList<>(AGRONA_FLAGS);
        flags.add("-D" + AeronPeerMain.START_FILE + "=" + start);
        return flags;
    }

    /**
     * Waits until each subscription has its image: every receiver has the SETUP, and a
     * stream from message 0 reaches both.
     */
    private static void awaitImages(final Subscription first, final Subscription second) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (first.imageCount() == 0 || second.imageCount() == 0)
        {
            assertThat(System.nanoTime()).as("both receivers joined within 30 s").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void drainBoth(final Subscription first, final Subscription second)
    {
        UdpTransfer.drainBoth(first, second, MESSAGES, MAX_LENGTH, 60);
    }

    @Test
    void anAeronPublisherIsRefusedCleanlyByAnAuthenticatedSubscriptionWithAMessageNamingTheParameter(@TempDir final Path directory)
        throws Exception
    {
        final Path keys = directory.resolve("keys");
        Files.writeString(keys, "ops 1 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n");
        final int port = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED).authKeyFile(keys));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + port + "|auth=ops",
                 1003);
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "publish",
                 "aeron:udp?endpoint=127.0.0.1:" + port + "|term-length=64k", "1003", Long.toString(MESSAGES),
                 Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (driver.transportCounters().value("udp datagrams failing authentication") <= 0)
            {
                assertThat(System.nanoTime() - deadline).as("Aeron's datagrams refused within 30 s").isNegative();
                Thread.sleep(10);
            }
            assertThat(subscription.imageCount()).as("no image from an unsigned peer").isZero();
            // the counter counts before the error log has the entry: read the log until it does
            List<String> errors = errors(driver);
            while (errors.stream().noneMatch(error -> error.contains("without a signature")) &&
                System.nanoTime() - deadline < 0)
            {
                Thread.sleep(10);
                errors = errors(driver);
            }
            assertThat(errors).anySatisfy(error -> assertThat(error).contains("without a signature", "auth=ops",
                "Aeron"));
        }
    }

    /**
     * Multicast on loopback, set up as root if it is not there; otherwise the test is skipped with the commands to run.
     */
    private static void assumeMulticastOnLoopback() throws Exception
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

    @Test
    void aeronPublishesToNanoStreamOnMulticast() throws Exception
    {
        assumeMulticastOnLoopback();
        final int port = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription("nano:udp?endpoint=224.0.1.9:" + port +
                 "|interface=127.0.0.1", 1003);
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "publish",
                 "aeron:udp?endpoint=224.0.1.9:" + port + "|interface=127.0.0.1|term-length=64k", "1003",
                 Long.toString(MESSAGES), Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            UdpTransfer.drain(subscription, MESSAGES, MAX_LENGTH, 60);
            aeron.await("SENT", 30);
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            assertThat(driver.transportCounters().value("udp invalid frames dropped")).isZero();
        }
    }

    @Test
    void nanoStreamPublishesToAeronOnMulticast() throws Exception
    {
        assumeMulticastOnLoopback();
        final int port = UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             JavaProcess aeron = JavaProcess.start(AGRONA_FLAGS, AeronPeerMain.class, "subscribe",
                 "aeron:udp?endpoint=224.0.1.11:" + port + "|interface=127.0.0.1", "1004", Long.toString(MESSAGES),
                 Integer.toString(MAX_LENGTH)))
        {
            aeron.await("READY", 30);
            try (ExclusivePublication publication = client.addExclusivePublication(
                "nano:udp?endpoint=224.0.1.11:" + port + "|interface=127.0.0.1|term-length=64k", 1004))
            {
                UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60);
                aeron.await("RECEIVED", 60);
            }
            assertThat(aeron.waitFor(30)).as(aeron.output()).isZero();
            assertThat(driver.transportCounters().value("udp status messages received")).as("from the control group").isPositive();
        }
    }
}
