package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.buffer.MappedFile;
import io.nanostream.buffer.MessageRing;
import io.nanostream.buffer.MessageRingDescriptor;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.client.protocol.Commands;
import io.nanostream.client.protocol.ControlFile;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that writes whatever it likes into the command ring: well-framed commands of every type with
 * random fields, and claimed space filled with random bytes (record headers of any length and type). Meanwhile
 * an honest client streams messages through the same driver. The honest stream must arrive exactly once, in
 * order; the honest client must stay connected; the driver must stay alive and keep answering (after one
 * client liveness timeout for the claim the hostile client abandons, which blocks commands as a killed
 * writer's would).
 * Runs {@code nanostream.hostile.seconds} (default 3; e.g. -Dnanostream.hostile.seconds=600 by hand).
 */
class HostileClientTest
{
    private static final long SECONDS = Long.getLong("nanostream.hostile.seconds", 3);

    /** Commands of every type, correctly framed, with random fields: ids, stream ids, string lengths, channels. */
    private static void writeRandomCommand(final MessageRing ring, final AtomicBuffer scratch,
        final SplittableRandom random)
    {
        final int length = random.nextInt(0, 256);
        for (int i = 0; i < length; i += 4)
        {
            scratch.putInt(i, random.nextInt());
        }
        if (random.nextBoolean() && length >= Commands.CHANNEL)
        {
            scratch.putInt(Commands.CHANNEL_LENGTH, random.nextBoolean() ? random.nextInt() : random.nextInt(0,
                length));
        }
        ring.write(random.nextInt(1, 10), scratch, 0, length);
    }

    /**
     * Claims space as a writer does, then fills it with random bytes: the record's length is whatever positive number
     * comes, its type anything. With {@code abandon}, leaves the claim unfinished as a killed writer would.
     */
    private static void scribble(final AtomicBuffer ringMemory, final int capacity, final SplittableRandom random,
        final boolean abandon)
    {
        final int tailOffset = capacity + MessageRingDescriptor.TAIL_OFFSET;
        final int headOffset = capacity + MessageRingDescriptor.HEAD_OFFSET;
        final int length = MessageRingDescriptor.align(random.nextInt(8, 256));
        final long tail = ringMemory.getLongVolatile(tailOffset);
        final long head = ringMemory.getLongVolatile(headOffset);
        final int index = (int)tail & (capacity - 1);
        if (tail + length - head > capacity || index + length > capacity || !ringMemory.compareAndSetLong(tailOffset,
            tail, tail + length))
        {
            return;
        }
        for (int i = length - 4; i > 0; i -= 4)
        {
            ringMemory.putInt(index + i, random.nextInt());
        }
        final int firstWord = abandon ? -random.nextInt(1, Integer.MAX_VALUE) : random.nextInt(1, Integer.MAX_VALUE);
        ringMemory.putIntRelease(index,
            firstWord); // release: the rest of the record before its length, as a writer commits
    }

    @Test
    void writesIntoTheCommandRingsTrailerAreRepairedAndClientsCommandsGoOn() throws Exception
    {
        final DriverContext context = new DriverContext()
            .directory(java.nio.file.Path.of(new DriverContext().directory() + "-hostile-trailer-" +
            java.util.UUID.randomUUID()));
        try (MediaDriver driver = MediaDriver.launch(context);
             NanoStream honest = NanoStream.connect(new ClientContext().directory(driver.directory()));
             MappedFile file = MappedFile.open(driver.directory().resolve(ControlFile.FILE_NAME)))
        {
            final AtomicBuffer ringMemory = new ControlFile(file.buffer()).commandRing();
            final int capacity = new MessageRing(ringMemory).capacity();
            final int headOffset = capacity + MessageRingDescriptor.HEAD_OFFSET;
            final int tailOffset = capacity + MessageRingDescriptor.TAIL_OFFSET;
            int stream = 100;
            // 16 bytes into the trailer: each of these made every later command fail after
            // 10 s, until the driver restarted
            for (final boolean moveHead : new boolean[] {true, false, true, false})
            {
                final long head = ringMemory.getLongVolatile(headOffset);
                if (moveHead)
                {
                    ringMemory.putLongVolatile(headOffset, head - 2L * capacity);
                }
                else
                {
                    ringMemory.putLongVolatile(tailOffset, ringMemory.getLongVolatile(tailOffset) + 7L * capacity);
                }
                try (Subscription subscription = honest.addSubscription("nano:ipc", stream++))
                {
                    assertThat(subscription.registrationId()).as("a command after the write").isPositive();
                }
            }
            assertThat(honest.isClosed()).isFalse();
        }
    }

    @Test
    void anHonestClientKeepsStreamingWhileAnotherWritesGarbageCommands() throws Exception
    {
        final DriverContext context = new DriverContext().clientLivenessTimeout(java.time.Duration.ofSeconds(2))
            .publicationUnblockTimeout(java.time.Duration.ofSeconds(3))
            .directory(java.nio.file.Path.of(new DriverContext().directory() + "-hostile-" +
            java.util.UUID.randomUUID()));
        try (MediaDriver driver = MediaDriver.launch(context);
             NanoStream honest = NanoStream.connect(new ClientContext().directory(driver.directory()));
             Subscription subscription = honest.addSubscription("nano:ipc", 5);
             ExclusivePublication publication = honest.addExclusivePublication("nano:ipc?term-length=64k", 5);
             MappedFile file = MappedFile.open(driver.directory().resolve(ControlFile.FILE_NAME)))
        {
            final AtomicBuffer ringMemory = new ControlFile(file.buffer()).commandRing();
            final MessageRing ring = new MessageRing(ringMemory);
            final AtomicBoolean running = new AtomicBoolean(true);
            final AtomicLong garbage = new AtomicLong();
            final Thread hostile = Thread.ofPlatform().name("hostile-client").start(() ->
            {
                final SplittableRandom random = new SplittableRandom(7);
                final AtomicBuffer scratch = AtomicBuffer.allocateHeap(512);
                while (running.get())
                {
                    if (random.nextBoolean())
                    {
                        writeRandomCommand(ring, scratch, random);
                    }
                    else
                    {
                        scribble(ringMemory, ring.capacity(), random,
                            garbage.get() == 5_000); // one abandoned claim per run
                    }
                    garbage.incrementAndGet();
                    if ((garbage.get() & 63) == 0)
                    {
                        Thread.onSpinWait();
                        Thread.yield();
                    }
                }
            });

            final AtomicBuffer message = AtomicBuffer.allocateDirect(64);
            final long[] expected = {0};
            final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            long sent = 0;
            try
            {
                while (System.nanoTime() < end)
                {
                    message.putLong(0, sent);
                    if (publication.offer(message, 0, 8) > 0)
                    {
                        sent++;
                    }
                    subscription.poll((buffer, offset, length, header) ->
                        assertThat(buffer.getLong(offset)).as("in order, once each").isEqualTo(expected[0]++), 16);
                    assertThat(honest.isClosed()).as("the honest client stays connected").isFalse();
                }
            }
            finally
            {
                running.set(false);
                hostile.join();
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (expected[0] < sent && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) ->
                    assertThat(buffer.getLong(offset)).isEqualTo(expected[0]++), 16);
            }
            assertThat(expected[0]).as("every message sent arrived").isEqualTo(sent).isPositive();
            assertThat(garbage.get()).as("the hostile client did write").isGreaterThan(1000);
            // garbage that looks like a claimed record stops the reader until the unblock after the liveness
            // timeout (2 s here), as a writer that died mid-claim would: a full ring of garbage can hold
            // several, so let it drain first
            final long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ring.consumerPosition() < ring.producerPosition() && System.nanoTime() < drainDeadline)
            {
                Thread.sleep(10);
            }
            assertThat(ring.consumerPosition()).as("the driver read, skipped or unblocked all the garbage").isEqualTo(ring.producerPosition());
            try (Subscription another = honest.addSubscription("nano:ipc", 6))
            {
                assertThat(another.registrationId()).as("the driver still answers").isPositive();
            }
            final long now = System.currentTimeMillis();
            final long heartbeatDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (ring.consumerHeartbeat() <= now && System.nanoTime() < heartbeatDeadline)
            {
                Thread.sleep(1);
            }
            assertThat(ring.consumerHeartbeat()).as("the driver heartbeats on").isGreaterThan(now);
        }
    }
}
