package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.ClientContext;
import io.nanostream.client.ConcurrentPublication;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.log.FragmentAssembler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class IpcRoundTripTest
{
    private MediaDriver driver;
    private NanoStream client;

    @BeforeEach
    void start()
    {
        driver = MediaDriver.launchEmbedded();
        client = NanoStream.connect(new ClientContext().directory(driver.directory()));
    }

    @AfterEach
    void stop()
    {
        client.close();
        driver.close();
    }

    static long offer(final Publication publication, final AtomicBuffer buffer, final int length)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long result;
        while ((result = publication.offer(buffer, 0, length)) < 0)
        {
            if (result == Publication.CLOSED || result == Publication.MAX_POSITION_EXCEEDED ||
                System.nanoTime() > deadline)
            {
                throw new AssertionError("offer failed with " + result);
            }
            Thread.onSpinWait();
        }
        return result;
    }

    @Test
    void buffersAreTheKindThisJvmAskedFor()
    {
        // the raw-memory execution runs this suite with -Dnanostream.memory.raw=true; the default one without
        final String expected = Boolean.getBoolean("nanostream.memory.raw") ? "RawAtomicBuffer" : "NativeAtomicBuffer";
        assertThat(AtomicBuffer.allocateDirect(8).getClass().getSimpleName()).isEqualTo(expected);
    }

    @Test
    void aMessageOfferedIsPolledIntact()
    {
        try (Subscription subscription = client.addSubscription("nano:ipc", 10);
             ConcurrentPublication publication = client.addPublication("nano:ipc?term-length=64k", 10))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(64);
            message.putLong(0, 42);
            message.putLong(8, -7);
            final long position = offer(publication, message, 16);
            assertThat(position).isEqualTo(64);
            final List<Long> received = new ArrayList<>();
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.isEmpty() && System.nanoTime() < deadline)
            {
                subscription.poll((buffer, offset, length, header) ->
                {
                    received.add(buffer.getLong(offset));
                    received.add(buffer.getLong(offset + 8));
                    received.add((long)length);
                    received.add((long)header.sessionId());
                }, 10);
            }
            assertThat(received).containsExactly(42L, -7L, 16L, (long)publication.sessionId());
        }
    }

    @Test
    void manyMessagesAcrossTermsArriveInOrderWithFragmentedOnesReassembled()
    {
        try (Subscription subscription = client.addSubscription("nano:ipc", 11);
             ExclusivePublication publication = client.addExclusivePublication("nano:ipc?term-length=64k|mtu=1408", 11))
        {
            final long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (subscription.imageCount() == 0)
            {
                assertThat(System.nanoTime() - connectDeadline).as("the image within a minute").isNegative();
                Thread.yield();
            }
            final AtomicBuffer message = AtomicBuffer.allocateHeap(8192);
            final long[] next = {0};
            final List<String> problems = new ArrayList<>();
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length, header) ->
            {
                final long number = buffer.getLong(offset);
                if (number != next[0] || length != lengthOf(number) || buffer.getLong(offset + length - 8) != ~number)
                {
                    problems.add("message " + number + " length " + length + ", expected " + next[0]);
                }
                next[0] = number + 1;
            });
            final int count = 20_000;
            for (long i = 0; i < count; i++)
            {
                final int length = lengthOf(i);
                message.putLong(0, i);
                message.putLong(length - 8, ~i);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (publication.offer(message, 0, length) < 0)
                {
                    subscription.poll(assembler, 100);
                    assertThat(System.nanoTime()).isLessThan(deadline);
                }
                subscription.poll(assembler, 10);
            }
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (next[0] < count && System.nanoTime() < deadline)
            {
                subscription.poll(assembler, 100);
            }
            assertThat(problems).isEmpty();
            assertThat(next[0]).isEqualTo(count);
            assertThat(publication.position()).as("many terms of 64k").isGreaterThan(10 * 65536L);
        }
    }

    private static int lengthOf(final long number)
    {
        return number % 100 == 0 ? 5000 : 16 + (int)(number % 7) * 8;
    }
}
