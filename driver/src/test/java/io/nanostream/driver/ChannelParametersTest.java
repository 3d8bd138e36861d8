package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.RegistrationException;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.client.protocol.CounterTypes;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Aeron's channel parameters that shape a publication: each one changes what it names, and bad values are refused. */
class ChannelParametersTest
{
    private static final int STREAM_ID = 71;

    @Test
    void pubWndHoldsPublishersToThatWindowPastTheSlowestSubscriber() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k|pub-wnd=8k",
                 STREAM_ID);
             Subscription idle = client.addSubscription("nano:ipc", STREAM_ID))
        {
            await(publication::isConnected, "the subscriber linked");
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            long last = 0;
            final long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() < end || last == 0)
            {
                final long result = publication.offer(message, 0, 64);
                last = result > 0 ? result : last;
            }
            // a claim starts below the limit and may end one frame (32-byte header, 64-byte message) past it
            assertThat(last).as("stopped within 8k of the subscriber that never read").isPositive().isLessThanOrEqualTo(8 * 1024 + 96);
            assertThatThrownBy(() -> client.addExclusivePublication("nano:ipc?term-length=64k|pub-wnd=64k", STREAM_ID))
                .isInstanceOf(RegistrationException.class).hasMessageContaining("pub-wnd 65536 is over half the term length 65536")
                .hasMessageContaining("at most 32768");
            assertThatThrownBy(() -> client.addExclusivePublication("nano:ipc?pub-wnd=1k", STREAM_ID))
                .hasMessageContaining("pub-wnd 1k is out of range: from 4k to 512m");
        }
    }

    @Test
    void lingerSetsHowLongAClosedPublicationsLogStays() throws Exception
    {
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            final Path publications = driver.directory().resolve(ControlFile.PUBLICATIONS_DIRECTORY);
            final long brief = client.addExclusivePublication("nano:ipc?term-length=64k|linger=0ms",
                STREAM_ID).registrationId();
            final long lasting = client.addExclusivePublication("nano:ipc?term-length=64k|linger=3600s", STREAM_ID +
                1).registrationId();
            assertThat(logs(publications)).contains(brief + ".logbuffer", lasting + ".logbuffer");
            client.close();
            await(() -> !logs(publications).contains(brief + ".logbuffer"), "the log with linger=0ms deleted");
            assertThat(logs(publications)).as("the one with linger=3600s stays").contains(lasting + ".logbuffer");
        }
    }

    @Test
    void eosFalseLeavesReceiversToSeeThePublicationGoWithoutAnEndOfStream() throws Exception
    {
        final DriverContext context = UdpRoundTripTest.context(ThreadingMode.SHARED).imageLivenessTimeout(Duration.ofSeconds(1));
        try (MediaDriver driver = MediaDriver.launch(context);
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            assertThat(endOfStreamSeen(client, "nano:udp?endpoint=127.0.0.1:" +
                UdpTransfer.freePort())).as("by default").isTrue();
            assertThat(endOfStreamSeen(client, "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() +
                "|eos=false")).isFalse();
        }
    }

    /** Connects, closes the publication, and watches the image until it goes: did it reach its end of stream? */
    private static boolean endOfStreamSeen(final NanoStream client, final String channel) throws Exception
    {
        try (Subscription subscription = client.addSubscription(channel, STREAM_ID))
        {
            final Publication publication = client.addExclusivePublication(channel + "|term-length=64k", STREAM_ID);
            UdpTransfer.waitConnected(publication, subscription);
            final Image image = subscription.images().get(0);
            publication.close();
            boolean endOfStream = false;
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (subscription.imageCount() > 0)
            {
                assertThat(System.nanoTime()).as("the image went").isLessThan(deadline);
                endOfStream |= image.isEndOfStream();
                image.poll((buffer, offset, length, header) -> { }, 10);
                Thread.sleep(1);
            }
            return endOfStream;
        }
    }

    @Test
    void sscLetsSpiesAloneConnectAUdpPublicationAndHoldItBack() throws Exception
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort(); // no receiver there
        final String unheard = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort();
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             ExclusivePublication publication = client.addExclusivePublication(channel + "|ssc=true|term-length=64k",
                 STREAM_ID);
             Subscription spy = client.addSubscription("nano-spy:" + channel, STREAM_ID);
             ExclusivePublication withoutSsc = client.addExclusivePublication(unheard + "|term-length=64k", STREAM_ID);
             Subscription otherSpy = client.addSubscription("nano-spy:" + unheard, STREAM_ID))
        {
            await(publication::isConnected, "connected by its spy");
            final long messages = 20_000; // about 2.5 MB through a 32 KB window: the spy moves the limit
            final Thread publisher = new Thread(() -> UdpTransfer.publish(publication, messages, 256, 60),
            "ssc-publisher");
            publisher.start();
            UdpTransfer.drain(spy, messages, 256, 60);
            publisher.join();
            Thread.sleep(200);
            assertThat(withoutSsc.isConnected()).as("without ssc=true a spy is no connection").isFalse();
            assertThat(withoutSsc.offer(AtomicBuffer.allocateHeap(8), 0, 8)).isEqualTo(Publication.NOT_CONNECTED);
            assertThat(otherSpy.imageCount()).isEqualTo(1);
        }
    }

    @Test
    void sparseLeavesTheLogFileUnwritten() throws Exception
    {
        // a client touches every page of a log it maps unless told not to: that would allocate a sparse file too
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()).preTouchLogs(false));
             ExclusivePublication sparse = client.addExclusivePublication("nano:ipc?term-length=16m|sparse=true",
                 STREAM_ID);
             ExclusivePublication written = client.addExclusivePublication("nano:ipc?term-length=16m|sparse=false",
                 STREAM_ID + 1))
        {
            final Path publications = driver.directory().resolve(ControlFile.PUBLICATIONS_DIRECTORY);
            final long sparseBlocks = allocatedBlocks(publications.resolve(sparse.registrationId() + ".logbuffer"));
            final long writtenBlocks = allocatedBlocks(publications.resolve(written.registrationId() + ".logbuffer"));
            assertThat(writtenBlocks).as("48 MB written through, in 512-byte blocks").isGreaterThanOrEqualTo(3L * 16 * 1024 * 1024 / 512);
            assertThat(sparseBlocks).as("a sparse log holds little more than its metadata").isLessThan(writtenBlocks / 10);
            assertThatThrownBy(() -> client.addPublication("nano:ipc?sparse=maybe",
                STREAM_ID)).hasMessageContaining("sparse must be true or false");
        }
    }

    @Test
    void anAliasNamesTheChannelInTheCounters() throws Exception
    {
        final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() + "|alias=orders";
        try (MediaDriver driver = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = client.addSubscription(channel, STREAM_ID);
             ExclusivePublication publication = client.addExclusivePublication(channel + "|term-length=64k", STREAM_ID))
        {
            UdpTransfer.waitConnected(publication, subscription);
            final List<String> labels = Stream.of(CounterTypes.PUBLISHER_POSITION, CounterTypes.SENDER_POSITION,
                CounterTypes.SUBSCRIBER_POSITION)
                .flatMap(type -> FeatureCounters.read(driver.directory(), type).stream()).toList();
            assertThat(labels).hasSize(3).allSatisfy(label -> assertThat(label).contains("alias=orders"));
        }
    }

    private static long allocatedBlocks(final Path file) throws Exception
    {
        final Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).redirectErrorStream(true).start();
        final String output = new String(stat.getInputStream().readAllBytes()).trim();
        assertThat(stat.waitFor()).as(output).isZero();
        return Long.parseLong(output);
    }

    private static List<String> logs(final Path directory)
    {
        try (Stream<Path> files = Files.list(directory))
        {
            return files.map(file -> file.getFileName().toString()).toList();
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
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
