package io.nanostream.compat;

import io.nanostream.concurrent.Sequence;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting helpers for the tests. */
final class Waits
{
    private Waits()
    {
    }

    static void until(final BooleanSupplier condition, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() - deadline > 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    static void until(final Sequence sequence, final long value) throws InterruptedException
    {
        until(() -> sequence.get() >= value, "sequence " + value);
    }
}
