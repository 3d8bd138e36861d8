package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.process.AeronPeerMain;
import io.nanostream.driver.process.JavaProcess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Aeron 1.47.4 driver and client, in their own JVM, talk to Nano-Stream over UDP on loopback:
 * Aeron publishes to a Nano-Stream subscriber, and a Nano-Stream publication reaches an Aeron
 * subscriber; small and fragmented messages arrive intact and in order both ways.
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
                 "aeron:udp?endpoint=127.0.0.1:" + port + "|term-length=64k", "1001", Long.toString(MESSAGES), Integer.toString(MAX_LENGTH)))
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
}
