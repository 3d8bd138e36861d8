package io.nanostream.driver;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.process.UdpMessages;
import io.nanostream.log.FragmentAssembler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends numbered messages of varied lengths through a publication on one thread while a subscription
 * is polled on this one, and checks that each arrives once, in order, with every byte intact.
 */
final class UdpTransfer
{
    private UdpTransfer()
    {
    }

    static int freePort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static int length(final long i, final int maxLength)
    {
        return UdpMessages.length(i, maxLength);
    }

    static byte pattern(final long i, final int index)
    {
        return UdpMessages.pattern(i, index);
    }

    static void waitConnected(final Publication publication, final Subscription subscription)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!publication.isConnected() || subscription.imageCount() == 0)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not connected within 60 s: publication " + publication.isConnected() +
                    ", images " + subscription.imageCount());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Publishes {@code count} messages from this thread, waiting for a connection first. */
    static void publish(final Publication publication, final long count, final int maxLength, final long timeoutSeconds)
    {
        publish(publication, count, maxLength, timeoutSeconds, 0);
    }

    /** Publishes as above, pausing after every 64 messages if asked. */
    static void publish(
        final Publication publication, final long count, final int maxLength, final long timeoutSeconds,
        final long pauseNanosPer64)
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!publication.isConnected())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("no subscriber connected within " + timeoutSeconds + " s");
            }
            Thread.yield();
        }
        final AtomicBuffer message = AtomicBuffer.allocateHeap(8 + ((maxLength + 7) & ~7) + 8);
        for (long i = 0; i < count; i++)
        {
            final int length = length(i, maxLength);
            message.putLong(0, i);
            for (int b = 8; b < length; b++)
            {
                message.putByte(b, pattern(i, b));
            }
            long result;
            while ((result = publication.offer(message, 0, length)) < 0)
            {
                if (result == Publication.CLOSED || System.nanoTime() > deadline)
                {
                    throw new AssertionError("offer of message " + i + " failed with " + result);
                }
                Thread.yield();
            }
            if (pauseNanosPer64 > 0 && (i & 63) == 63)
            {
                java.util.concurrent.locks.LockSupport.parkNanos(pauseNanosPer64);
            }
        }
    }

    /** Polls a subscription until {@code count} messages arrived and checks them, without publishing. */
    static void drain(final Subscription subscription, final long count, final int maxLength, final long timeoutSeconds)
    {
        final long[] next = {0};
        final FragmentAssembler assembler = checker(next, maxLength);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (next[0] < count)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("only " + next[0] + " of " + count + " messages arrived within " +
                    timeoutSeconds + " s");
            }
            if (subscription.poll(assembler, 64) == 0)
            {
                Thread.yield();
            }
        }
    }

    /** Polls two subscriptions until each has {@code count} messages, each checked in order, without publishing. */
    static void drainBoth(final Subscription first, final Subscription second, final long count, final int maxLength,
        final long timeoutSeconds)
    {
        final long[] nextFirst = {0};
        final long[] nextSecond = {0};
        final FragmentAssembler firstChecker = checker(nextFirst, maxLength);
        final FragmentAssembler secondChecker = checker(nextSecond, maxLength);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (nextFirst[0] < count || nextSecond[0] < count)
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("received " + nextFirst[0] + " and " + nextSecond[0] + " of " + count +
                    " within " + timeoutSeconds + " s");
            }
            if (first.poll(firstChecker, 64) + second.poll(secondChecker, 64) == 0)
            {
                Thread.yield();
            }
        }
    }

    static FragmentAssembler checker(final long[] next, final int maxLength)
    {
        return new FragmentAssembler((buffer, offset, length, header) ->
        {
            final long i = buffer.getLong(offset);
            if (i != next[0])
            {
                throw new AssertionError("expected message " + next[0] + " but got " + i);
            }
            if (length != length(i, maxLength))
            {
                throw new AssertionError("message " + i + " has length " + length + ", sent " + length(i, maxLength));
            }
            for (int b = 8; b < length; b++)
            {
                if (buffer.getByte(offset + b) != pattern(i, b))
                {
                    throw new AssertionError("message " + i + " byte " + b + " differs");
                }
            }
            next[0]++;
        });
    }

    /**
     * Transfers {@code count} messages and checks them.
     *
     * @return nanoseconds taken.
     */
    static long transfer(final Publication publication, final Subscription subscription, final long count,
        final int maxLength, final long timeoutSeconds) throws InterruptedException
    {
        waitConnected(publication, subscription);
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread publisher = new Thread(() ->
        {
            try
            {
                publish(publication, count, maxLength, timeoutSeconds);
            }
            catch (final Throwable ex)
            {
                failure.set(ex);
            }
        }, "udp-test-publisher");
        final long start = System.nanoTime();
        publisher.start();
        final long[] next = {0};
        final FragmentAssembler assembler = checker(next, maxLength);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (next[0] < count)
        {
            if (failure.get() != null)
            {
                throw new AssertionError("publisher failed after " + next[0] + " messages received", failure.get());
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("only " + next[0] + " of " + count + " messages arrived within " +
                    timeoutSeconds + " s");
            }
            if (subscription.poll(assembler, 64) == 0)
            {
                Thread.yield();
            }
        }
        publisher.join();
        if (failure.get() != null)
        {
            throw new AssertionError(failure.get());
        }
        return System.nanoTime() - start;
    }
}
