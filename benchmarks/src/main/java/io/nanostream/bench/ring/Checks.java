package io.nanostream.bench.ring;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Small helpers the ring shapes share. */
final class Checks
{
    static final int RING_SIZE = 1 << 16;
    static final long TIMEOUT_SECONDS = 120;

    private Checks()
    {
    }

    /** Sum of 0 .. n-1. */
    static long sumBelow(final long n)
    {
        return n * (n - 1) / 2;
    }

    static void await(final CountDownLatch latch, final String what) throws InterruptedException
    {
        if (!latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
        {
            throw new IllegalStateException(what + " did not finish within " + TIMEOUT_SECONDS + " s");
        }
    }

    static void expect(final String what, final long expected, final long actual)
    {
        if (expected != actual)
        {
            throw new IllegalStateException(what + ": expected " + expected + " but got " + actual);
        }
    }

    static Thread start(final String name, final Runnable body)
    {
        final Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
