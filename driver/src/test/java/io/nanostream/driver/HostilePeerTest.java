package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.ErrorLogReader;
import io.nanostream.buffer.MappedFile;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.Image;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.ControlFile;
import io.nanostream.driver.status.TransportCounters;
import io.nanostream.driver.wire.DatagramBuilder;
import io.nanostream.driver.wire.ErrorFrame;
import io.nanostream.driver.wire.Nak;
import io.nanostream.driver.wire.RttMeasurement;
import io.nanostream.driver.wire.Setup;
import io.nanostream.driver.wire.StatusMessage;
import io.nanostream.driver.wire.WireFrame;
import io.nanostream.log.FragmentAssembler;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import io.nanostream.log.LogLayout;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two drivers with a real stream flowing over UDP on loopback, and a hostile peer with a raw socket sending every
 * kind of malicious datagram at the receiving driver, over the full int range of every field: SETUPs over the term
 * length cap, SETUP floods for many sessions, SETUP then padding of length near 2^31, data with term ids and offsets
 * near 2^31, data for the real session from another source, NAKs, status messages, RTT and error frames where they do
 * not belong, garbage of every length, and the fuzzers' kept inputs. The real stream must arrive exactly once, in
 * order, byte for byte; no exception may reach either application; both drivers stay alive and answer; the receiving
 * driver's directory stays within what its limits allow.
 *
 * <p>Runs for a few seconds; {@code -Dnanostream.hostile.seconds=600} for a long run.
 */
class HostilePeerTest
{
    private static final long SECONDS = Long.getLong("nanostream.hostile.seconds", 4);
    private static final int STREAM_ID = 10;
    private static final int MAX_LENGTH = 3000;
    private static final int MAX_TERM_LENGTH = 1 << 20;
    private static final int MAX_IMAGES = 12;

    @Test
    void aRealStreamArrivesWholeWhileAHostilePeerSendsEveryMaliciousDatagram() throws Exception
    {
        final int port = UdpTransfer.freePort();
        final DriverContext receiving = UdpRoundTripTest.context(ThreadingMode.SHARED);
        receiving.networkLimits().maxTermLength(MAX_TERM_LENGTH).maxImagesPerEndpoint(8).maxImages(MAX_IMAGES).imageCreationsPerSecond(8);
        final List<Throwable> applicationErrors = new CopyOnWriteArrayList<>();
        try (MediaDriver sender = MediaDriver.launch(UdpRoundTripTest.context(ThreadingMode.SHARED));
             MediaDriver receiver = MediaDriver.launch(receiving);
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sender.directory())
                 .errorHandler(applicationErrors::add));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiver.directory())
                 .errorHandler(applicationErrors::add));
             Subscription subscription = subscriberClient.addSubscription("nano:udp?endpoint=127.0.0.1:" + port,
                 STREAM_ID);
             ExclusivePublication publication = publisherClient.addExclusivePublication(
                 "nano:udp?endpoint=127.0.0.1:" + port + "|term-length=64k", STREAM_ID))
        {
            UdpTransfer.waitConnected(publication, subscription);
            final long baseline = directorySize(receiver.directory());
            final AtomicBoolean stop = new AtomicBoolean();
            final AtomicLong published = new AtomicLong(-1);
            final AtomicReference<Throwable> failure = new AtomicReference<>();
            final Thread publisher = new Thread(() -> publish(publication, stop, published, failure),
                "hostile-test-publisher");
            final HostilePeer peer = new HostilePeer(port, publication.sessionId());
            final Thread attacker = new Thread(() -> peer.run(stop, failure), "hostile-peer");
            publisher.start();
            attacker.start();

            final long[] next = {0};
            final long[] foreign = {0};
            final FragmentAssembler checker = UdpTransfer.checker(next, MAX_LENGTH);
            final int realSession = publication.sessionId();
            final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            long largestDirectory = baseline;
            long polls = 0;
            while (!stop.get() || published.get() < 0 || next[0] < published.get())
            {
                if (!stop.get() && System.nanoTime() - end > 0)
                {
                    stop.set(true);
                }
                if (failure.get() != null)
                {
                    throw new AssertionError("publisher or peer failed after " + next[0] + " messages", failure.get());
                }
                // every image of the stream is read, the hostile ones too: only the real
                // session's fragments are checked
                final int fragments = subscription.poll((buffer, offset, length, header) ->
                {
                    if (header.sessionId() == realSession)
                    {
                        checker.onFragment(buffer, offset, length, header);
                    }
                    else
                    {
                        foreign[0]++;
                    }
                }, 64);
                if ((++polls & 0xFFF) == 0)
                {
                    largestDirectory = Math.max(largestDirectory, directorySize(receiver.directory()));
                }
                assertThat(System.nanoTime() - end).as("the stream did not finish within 60 s of the attack's end: " +
                    next[0] + " of " + published.get()).isLessThan(TimeUnit.SECONDS.toNanos(60));
                if (fragments == 0)
                {
                    Thread.yield();
                }
            }
            publisher.join();
            attacker.join();
            largestDirectory = Math.max(largestDirectory, directorySize(receiver.directory()));

            System.out.printf("hostile peer: %d datagrams in %d s; %d messages arrived; %d fragments from hostile sessions%n%s%n",
                peer.sent, SECONDS, next[0], foreign[0], countersOf(receiver));
            assertThat(next[0]).as("messages received, exactly once and in order").isEqualTo(published.get()).isPositive();
            final Image image = subscription.imageBySessionId(realSession);
            assertThat(image).as("the real image").isNotNull();
            assertThat(image.isClosed()).isFalse();
            assertThat(applicationErrors).as("errors that reached the applications").isEmpty();
            assertThat(publisherClient.isClosed() ||
                subscriberClient.isClosed()).as("a client lost its driver").isFalse();
            try (Subscription late = subscriberClient.addSubscription("nano:ipc", 99);
                 Publication another = publisherClient.addPublication("nano:ipc", 99))
            {
                assertThat(late.isClosed() || another.isClosed()).as("both conductors still answer").isFalse();
            }
            final long bound = baseline + (long)(MAX_IMAGES + 1) * (3L * MAX_TERM_LENGTH + LogLayout.METADATA_LENGTH);
            assertThat(largestDirectory).as("the receiving driver's directory, at its largest").isLessThanOrEqualTo(bound);

            final TransportCounters counters = receiver.transportCounters();
            assertThat(counters.value("udp errors caught")).as("exceptions caught on the receiver").isZero();
            assertThat(counters.value("udp invalid frames dropped")).isPositive();
            assertThat(counters.value("udp setups over the term length cap")).isPositive();
            assertThat(counters.value("udp images refused: creation rate") +
                counters.value("udp images refused: endpoint cap"))
                .as("SETUP floods held back by the creation rate or the endpoint cap, whichever came first").isPositive();
            assertThat(counters.value("udp frames from another source than the image's")).isPositive();
            assertThat(sender.transportCounters().value("udp errors caught")).as("exceptions caught on the sender").isZero();
        }
    }

    private static String countersOf(final MediaDriver driver)
    {
        final StringBuilder text = new StringBuilder();
        try (NanoStream client = NanoStream.connect(new ClientContext().directory(driver.directory())))
        {
            client.counters().forEach((id, typeId, label, value) ->
            {
                if (value != 0)
                {
                    text.append("  ").append(label).append(" = ").append(value).append('\n');
                }
            });
        }
        try (MappedFile mapping = MappedFile.open(driver.directory().resolve(ControlFile.FILE_NAME)))
        {
            ErrorLogReader.read(new ControlFile(mapping.buffer()).errorLog(), (observations, first, last, error) ->
                text.append("  error seen ").append(observations).append(" times: ").append(error.lines().limit(6).toList()).append('\n'));
        }
        return text.toString();
    }

    private static void publish(final Publication publication, final AtomicBoolean stop, final AtomicLong published,
        final AtomicReference<Throwable> failure)
    {
        try
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(MAX_LENGTH + 64);
            long i = 0;
            while (!stop.get())
            {
                final int length = UdpTransfer.length(i, MAX_LENGTH);
                message.putLong(0, i);
                for (int b = 8; b < length; b++)
                {
                    message.putByte(b, UdpTransfer.pattern(i, b));
                }
                long result;
                while ((result = publication.offer(message, 0, length)) < 0 && !stop.get())
                {
                    if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED)
                    {
                        throw new AssertionError("offer of message " + i + " failed with " + result);
                    }
                    Thread.yield();
                }
                if (result > 0)
                {
                    i++;
                }
                if ((i & 15) == 0)
                {
                    Thread.yield(); // leave the two cores to the drivers now and then
                }
            }
            published.set(i);
        }
        catch (final Throwable ex)
        {
            failure.set(ex);
            published.set(0);
        }
    }

    /** The bytes of every file under a directory, for tests that bound what an attack makes a driver hold. */
    static long directorySize(final Path directory)
    {
        try (Stream<Path> files = Files.walk(directory))
        {
            return files.filter(Files::isRegularFile).mapToLong(file ->
            {
                try
                {
                    return Files.size(file);
                }
                catch (final IOException ex)
                {
                    return 0; // deleted while we looked
                }
            }).sum();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            return 0; // a file went while the walk was under way: the next look counts again
        }
    }

    /** Sends every malicious datagram class at the receiving driver's endpoint, chosen by a seeded random. */
    private static final class HostilePeer
    {
        private static final int KINDS = 10;
        private final InetSocketAddress target;
        private final int realSession;
        private final ByteBuffer bytes = ByteBuffer.allocateDirect(65_536);
        private final AtomicBuffer datagram = AtomicBuffer.wrap(MemorySegment.ofBuffer(bytes));
        private final List<byte[]> keptInputs = keptFuzzInputs();
        private final SplittableRandom random = new SplittableRandom(Long.getLong("nanostream.hostile.seed", 42));
        private long sent;

        HostilePeer(final int port, final int realSession)
        {
            this.target = new InetSocketAddress("127.0.0.1", port);
            this.realSession = realSession;
        }

        void run(final AtomicBoolean stop, final AtomicReference<Throwable> failure)
        {
            try (DatagramChannel socket = DatagramChannel.open())
            {
                socket.configureBlocking(false);
                // every kind, a few dozen times each, before the random attack: each kind is certain to arrive, however
                // little of the attack a loaded machine lets this thread send
                for (int kind = 0; kind < KINDS; kind++)
                {
                    for (int i = 0; i < 32; i++)
                    {
                        bytes.clear().limit(next(kind));
                        socket.send(bytes, target);
                        sent++;
                    }
                    Thread.sleep(1);
                }
                while (!stop.get())
                {
                    for (int i = 0; i < 16; i++)
                    {
                        final int length = next(random.nextInt(KINDS));
                        bytes.clear().limit(length);
                        socket.send(bytes, target);
                        sent++;
                    }
                    Thread.sleep(0, 200_000); // pace the peer: the drivers share two cores with it
                }
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }

        private int anyInt()
        {
            return switch (random.nextInt(6))
            {
                case 0 -> Integer.MIN_VALUE + random.nextInt(64);
                case 1 -> Integer.MAX_VALUE - random.nextInt(64);
                case 2 -> random.nextInt(-64, 64);
                case 3 -> (1 << random.nextInt(31)) + random.nextInt(-32, 33);
                default -> random.nextInt();
            };
        }

        private int session()
        {
            return random.nextBoolean() ? realSession : anyInt();
        }

        /** Writes one datagram of a kind; returns its length. */
        private int next(final int kind)
        {
            switch (kind)
            {
                case 0 -> // a SETUP over the term length cap (or any term length at all)
                {
                    Setup.put(datagram, 0, anyInt(), STREAM_ID, 0, 0, random.nextBoolean() ?
                        1 << random.nextInt(21, 31) : anyInt(), 1408, 0);
                    return Setup.LENGTH;
                }
                case 1 -> // a SETUP flood: many sessions, sane otherwise
                {
                    Setup.put(datagram, 0, anyInt(), STREAM_ID, 5, 5, LogLayout.TERM_MIN_LENGTH, 1408, 0);
                    return Setup.LENGTH;
                }
                case 2 -> // SETUP then padding of length near 2^31, for a new session or the real one
                {
                    final int sessionId = session();
                    DatagramBuilder.data(datagram, 0, sessionId, STREAM_ID, random.nextInt(3), 0, 0, (byte)0);
                    datagram.putShort(WireFrame.TYPE_OFFSET, (short)FrameType.PAD);
                    datagram.putInt(0, Integer.MAX_VALUE - random.nextInt(64));
                    return FrameHeader.LENGTH;
                }
                case 3 -> // data with term ids and offsets anywhere, near 2^31 and aligned
                {
                    return DatagramBuilder.data(datagram, 0, session(), STREAM_ID, anyInt(), anyInt() & -32,
                        random.nextInt(0, 1400), (byte)random.nextInt());
                }
                case 4 -> // data for the real session, from this (another) source, where the real data would go
                {
                    return DatagramBuilder.data(datagram, 0, realSession, STREAM_ID, random.nextInt(-2, 40),
                        random.nextInt(LogLayout.TERM_MIN_LENGTH / 32) * 32, random.nextInt(0, 1000), (byte)0x66);
                }
                case 5 -> // control frames where they do not belong: NAKs, status messages, RTT, errors
                {
                    return switch (random.nextInt(4))
                    {
                        case 0 ->
                        {
                            Nak.put(datagram, session(), STREAM_ID, anyInt(), anyInt(), anyInt());
                            yield Nak.LENGTH;
                        }
                        case 1 ->
                        {
                            StatusMessage.put(datagram, random.nextInt(256), session(), STREAM_ID, anyInt(), anyInt(),
                                anyInt(), random.nextLong());
                            yield StatusMessage.LENGTH;
                        }
                        case 2 ->
                        {
                            RttMeasurement.put(datagram, random.nextInt(256), session(), STREAM_ID, random.nextLong(),
                                random.nextLong(), random.nextLong());
                            yield RttMeasurement.LENGTH;
                        }
                        default -> ErrorFrame.put(datagram, session(), STREAM_ID, random.nextLong(), anyInt(),
                            "hostile");
                    };
                }
                case 6 -> // garbage of any length
                {
                    final int length = random.nextBoolean() ? random.nextInt(0, 1500) : random.nextInt(0, 65_508);
                    for (int i = 0; i < length; i += 8)
                    {
                        datagram.putLong(i, random.nextLong());
                    }
                    return length;
                }
                case 7 -> // the fuzzers' kept inputs, as datagrams
                {
                    final byte[] input = keptInputs.get(random.nextInt(keptInputs.size()));
                    datagram.putBytes(0, input, 0, Math.min(input.length, 65_507));
                    return Math.min(input.length, 65_507);
                }
                case 8 -> // a well-formed header of a known type, every other field any int
                {
                    final int length = random.nextInt(8, 128);
                    for (int i = 0; i < length; i += 4)
                    {
                        datagram.putInt(i, anyInt());
                    }
                    WireFrame.putHeader(datagram, 0, random.nextBoolean() ? length : anyInt(), random.nextInt(256),
                        random.nextInt(0, 12));
                    return length;
                }
                default -> // several frames in one datagram, lengths lying
                {
                    int length = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        length += DatagramBuilder.data(datagram, length, session(), STREAM_ID, 0, length, 32, (byte)1);
                    }
                    datagram.putInt(32 * random.nextInt(4), anyInt());
                    return length;
                }
            }
        }

        private static List<byte[]> keptFuzzInputs()
        {
            final List<byte[]> inputs = new ArrayList<>();
            try
            {
                final Path root = Path.of(HostilePeerTest.class.getResource("udp").toURI());
                try (Stream<Path> files = Files.walk(root))
                {
                    for (final Path file : files.filter(Files::isRegularFile).toList())
                    {
                        inputs.add(Files.readAllBytes(file));
                    }
                }
            }
            catch (final IOException | URISyntaxException ex)
            {
                throw new IllegalStateException("cannot read the fuzzers' kept inputs", ex);
            }
            assertThat(inputs).as("the fuzzers' kept inputs").isNotEmpty();
            return inputs;
        }
    }
}
