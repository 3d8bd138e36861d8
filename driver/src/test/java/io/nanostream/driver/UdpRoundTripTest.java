package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ConcurrentPublication;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.driver.status.TransportCounters;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** UDP on loopback between two embedded drivers (or one): delivery, fragmentation, rotation, threading modes. */
class UdpRoundTripTest
{
    private final List<AutoCloseable> resources = new ArrayList<>();

    static DriverContext context(final ThreadingMode mode)
    {
        final Path base = new DriverContext().directory();
        return new DriverContext()
            .directory(base.resolveSibling(base.getFileName() + "-udp-" + UUID.randomUUID()))
            .threadingMode(mode)
            .idleStrategy("backoff");
    }

    <T extends AutoCloseable> T keep(final T resource)
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

    @ParameterizedTest
    @EnumSource(value = ThreadingMode.class, names = {"SHARED", "DEDICATED"})
    void messagesCrossBetweenTwoDriversInOrderAndIntact(final ThreadingMode mode) throws Exception
    {
        final MediaDriver sending = keep(MediaDriver.launch(context(mode)));
        final MediaDriver receiving = keep(MediaDriver.launch(context(mode)));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        final Subscription subscription = keep(subscriberClient.addSubscription(channel, 7));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel, 7));
        UdpTransfer.transfer(publication, subscription, 20_000, 4000, 60);
        final TransportCounters counters = sending.transportCounters();
        assertThat(counters.value("udp setups sent")).isPositive();
        assertThat(counters.value("udp status messages received")).isPositive();
        assertThat(receiving.transportCounters().value("udp invalid frames dropped")).isZero();
        // a long message's fragments are equal datagrams: batched, they go as one message the kernel cuts, and loopback
        // hands them to the receiver together; on JDK channels neither happens
        final boolean offloads = DriverProperties.UDP_BATCH.read() > 0 && DriverProperties.UDP_OFFLOAD.read();
        assertThat(counters.value("udp segmented messages sent") > 0).isEqualTo(offloads);
        assertThat(receiving.transportCounters().value("udp coalesced messages received") > 0).isEqualTo(offloads);
    }

    /**
     * The suite runs twice: on JDK channels (the default test JVM) and on batched native sockets (the udp-batched
     * execution, with native access and {@code nanostream.udp.batch}). This checks that each run uses the sockets it is
     * meant to, so that neither passes on the other's path.
     */
    @Test
    void runsOnTheSocketsThisExecutionAskedFor()
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final boolean batched = DriverProperties.UDP_BATCH.read() > 0;
        assertThat(FeatureCounters.read(driver.directory())).anySatisfy(line -> assertThat(line)
            .startsWith(batched ? "1 udp-batch: on: sendmmsg/recvmmsg, up to " : "0 udp-batch: off: "));
        if (batched)
        {
            assertThat(UdpRoundTripTest.class.getModule().isNativeAccessEnabled()).isTrue();
        }
    }

    /**
     * The last subscription of a channel leaving closes its socket while the receiver thread may still be polling it;
     * on batched sockets that freed memory the kernel could still write to. The socket now closes only once the
     * receiver has let go of the endpoint, and a subscription in between takes the open endpoint back.
     */
    @Test
    void aSubscriptionThatComesAndGoesManyTimesLeavesNoErrorAndTheChannelStillWorks() throws Exception
    {
        final MediaDriver sending = keep(MediaDriver.launch(context(ThreadingMode.DEDICATED)));
        final MediaDriver receiving = keep(MediaDriver.launch(context(ThreadingMode.DEDICATED)));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel, 7));
        for (int i = 0; i < 200; i++)
        {
            subscriberClient.addSubscription(channel, 7).close(); // each time the endpoint's last subscription leaves
        }
        final Subscription subscription = keep(subscriberClient.addSubscription(channel, 7));
        UdpTransfer.transfer(publication, subscription, 2_000, 4000, 60);
        assertThat(receiving.transportCounters().value("udp errors caught")).isZero();
        final long[] driverErrors = {-1};
        subscriberClient.counters().forEach((id, type, label, value) ->
        {
            if (label.equals("errors"))
            {
                driverErrors[0] = value;
            }
        });
        assertThat(driverErrors[0]).as("errors the receiving driver recorded").isZero();
    }

    @Test
    void oneDriverCarriesItsOwnUdpPublicationToItsOwnSubscription() throws Exception
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final NanoStream client = keep(NanoStream.connect(new ClientContext().directory(driver.directory())));
        final String channel = "nano:udp?endpoint=localhost:" + UdpTransfer.freePort() + "|term-length=64k|mtu=4k";
        final Subscription subscription = keep(client.addSubscription(channel, 3));
        final ConcurrentPublication publication = keep(client.addPublication(channel, 3));
        UdpTransfer.transfer(publication, subscription, 5_000, 7000, 60);
    }

    @Test
    void twoSubscriptionsOnOneEndpointEachSeeEveryMessage() throws Exception
    {
        final MediaDriver sending = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final MediaDriver receiving = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        final Subscription first = keep(subscriberClient.addSubscription(channel, 5));
        final Subscription second = keep(subscriberClient.addSubscription(channel, 5));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel, 5));
        UdpTransfer.waitConnected(publication, second);
        final Thread drainSecond = new Thread(() ->
        {
            try
            {
                UdpTransfer.drain(second, 3_000, 4000, 60);
            }
            catch (final Throwable ex)
            {
                throw new AssertionError(ex);
            }
        });
        final List<Throwable> failures = new ArrayList<>();
        drainSecond.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
        drainSecond.start();
        UdpTransfer.transfer(publication, first, 3_000, 4000, 60);
        drainSecond.join();
        assertThat(failures).isEmpty();
    }

    @Test
    void aSpyOnTheSendingDriverSeesEveryMessageTheRemoteSubscriberSees() throws Exception
    {
        final MediaDriver sending = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final MediaDriver receiving = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final NanoStream publisherClient = keep(NanoStream.connect(new ClientContext().directory(sending.directory())));
        final NanoStream subscriberClient = keep(NanoStream.connect(new ClientContext().directory(receiving.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|term-length=64k";
        final Subscription spy = keep(publisherClient.addSubscription("nano-spy:" + channel, 6));
        final Subscription subscription = keep(subscriberClient.addSubscription(channel, 6));
        final ExclusivePublication publication = keep(publisherClient.addExclusivePublication(channel, 6));
        UdpTransfer.waitConnected(publication, spy);
        final List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        final Thread spyReader = new Thread(() -> UdpTransfer.drain(spy, 3_000, 4000, 60));
        spyReader.setUncaughtExceptionHandler((thread, ex) -> failures.add(ex));
        spyReader.start();
        UdpTransfer.transfer(publication, subscription, 3_000, 4000, 60);
        spyReader.join();
        assertThat(failures).isEmpty();
        assertThatThrownBy(() -> publisherClient.addSubscription("nano-spy:nano:ipc",
            6)).hasMessageContaining("spy on nano:udp");
    }

    @Test
    void aSecondSubscriptionOnABoundPortOfAnotherDriverGetsAClearError()
    {
        final MediaDriver first = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final MediaDriver second = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final NanoStream firstClient = keep(NanoStream.connect(new ClientContext().directory(first.directory())));
        final NanoStream secondClient = keep(NanoStream.connect(new ClientContext().directory(second.directory())));
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        keep(firstClient.addSubscription(channel, 1));
        assertThatThrownBy(() -> secondClient.addSubscription(channel, 1))
            .isInstanceOf(RegistrationException.class)
            .hasMessageContaining("another process bound to that port");
    }

    @Test
    void malformedUdpChannelsAreRefusedWithTheFix()
    {
        final MediaDriver driver = keep(MediaDriver.launch(context(ThreadingMode.SHARED)));
        final NanoStream client = keep(NanoStream.connect(new ClientContext().directory(driver.directory())));
        assertThatThrownBy(() -> client.addPublication("nano:udp?endpoint=localhost", 1))
            .hasMessageContaining("host:port");
        assertThatThrownBy(() -> client.addPublication("nano:udp?endpoint=localhost:99999", 1))
            .hasMessageContaining("from 1 to 65535");
        assertThatThrownBy(() -> client.addPublication("nano:udp?endpoint=localhost:4000|ttl=300", 1))
            .hasMessageContaining("ttl");
        // a slow name server (or a slow machine) may first answer "still being looked up; retry": the user's retry then
        // gets the lookup's result
        final long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        Throwable refused = catchThrowable(() -> client.addPublication("nano:udp?endpoint=no-such-host.invalid:4000",
            1));
        while (refused != null && refused.getMessage().contains("retry in a moment") &&
            System.nanoTime() - deadline < 0)
        {
            refused = catchThrowable(() -> client.addPublication("nano:udp?endpoint=no-such-host.invalid:4000", 1));
        }
        assertThat(refused).hasMessageContaining("cannot be resolved");
    }
}
