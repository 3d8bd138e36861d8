package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A subscription with several destinations ({@code control-mode=manual}): one image per session gathers the frames of
 * every destination. A publication reaching it through two destinations at once (as a replay and the live stream do)
 * delivers each message once, in order; removing a destination leaves the other feeding the image.
 */
class UdpMultiDestinationSubscriptionTest
{
    private static final int STREAM_ID = 95;
    private static final long MESSAGES = 5_000;
    private static final int MAX_LENGTH = 2000;

    @Test
    void oneSessionThroughTwoDestinationsIsOneImageWithEachMessageOnce() throws Exception
    {
        final String first = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        final String second = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             MediaDriver receiver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory()));
             Subscription subscription = subscriberClient.addSubscription("nano:udp?control-mode=manual", STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication("nano:udp?control-mode=manual|term-length=64k",
                 STREAM_ID))
        {
            subscription.addDestination(first);
            subscription.addDestination(second);
            publication.addDestination(first);
            publication.addDestination(second);
            await(() -> subscription.imageCount() == 1 && publication.isConnected(), "connected through both");

            final Thread publisher = new Thread(() -> UdpTransfer.publish(publication, MESSAGES, MAX_LENGTH, 60),
                "mds-publisher");
            publisher.start();
            UdpTransfer.drain(subscription, MESSAGES, MAX_LENGTH,
                60); // every message once, in order: the checker fails otherwise
            publisher.join();
            assertThat(subscription.imageCount()).as("one image for the session, whichever destination a frame took").isEqualTo(1);
            assertThat(receiver.transportCounters().value("udp duplicate frames")).as("each frame came twice").isPositive();

            subscription.removeDestination(first);
            final long[] next = {0};
            final FragmentAssembler checker = UdpTransfer.checker(next, MAX_LENGTH);
            UdpTransfer.publish(publication, 100, MAX_LENGTH, 30); // messages 0 to 99 again
            await(() ->
            {
                subscription.poll(checker, 64);
                return next[0] == 100;
            }, "the remaining destination still feeds the image");
            assertThat(subscription.imageCount()).isEqualTo(1);
        }
    }

    @Test
    void destinationsAreRefusedWithTheReasonWhereTheyDoNotApply() throws Exception
    {
        final String destination = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription plain = client.addSubscription("nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort(),
                 STREAM_ID);
             Subscription several = client.addSubscription("nano:udp?control-mode=manual", STREAM_ID))
        {
            assertThatThrownBy(() -> plain.addDestination(destination)).isInstanceOf(RegistrationException.class)
                .hasMessageContaining("control-mode=manual");
            several.addDestination(destination);
            assertThatThrownBy(() -> several.addDestination(destination)).hasMessageContaining("already receives on");
            assertThatThrownBy(() -> several.addDestination("nano:udp?endpoint=127.0.0.1:1|reliable=false"))
                .hasMessageContaining("must name only endpoint=host:port");
            assertThatThrownBy(() -> several.removeDestination("nano:udp?endpoint=127.0.0.1:2")).hasMessageContaining("has no destination");
            several.removeDestination(destination);
            assertThatThrownBy(() -> several.removeDestination(destination)).hasMessageContaining("has no destination");
            assertThatThrownBy(() -> client.addSubscription("nano:udp?control=127.0.0.1:9|control-mode=dynamic",
                STREAM_ID))
                .hasMessageContaining("control-mode=dynamic is for publications");
        }
    }

    private static void await(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertThat(System.nanoTime()).as(what + " within 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
