package io.nanostream.driver.udp;

import io.nanostream.buffer.Counter;
import io.nanostream.driver.status.TransportCounters;

import java.util.function.Consumer;

/**
 * How the driver's threads deal with an exception they catch, and with input they refuse: count it,
 * report a few, go on. Stateless.
 */
public final class TransportErrors
{
    private TransportErrors()
    {
    }

    /**
     * Counts an exception caught on a transport thread, and reports the first and then every power-of-two-th one, so
     * that a flood of bad input costs a counter increment each rather than a log entry each.
     *
     * @param transport the counters.
     * @param errors    where reports go.
     * @param error     the exception.
     */
    static void report(final TransportCounters transport, final Consumer<Throwable> errors,
        final RuntimeException error)
    {
        if (isReported(transport.transportErrors.add(1)))
        {
            errors.accept(error);
        }
    }

    /**
     * Whether the next of a kind of error is one to report: the 1st, 2nd, 4th, 8th... so that a flood costs a log entry
     * only now and then.
     *
     * @param before how many of its kind came before it.
     * @return true to report it.
     */
    static boolean isReported(final long before)
    {
        return (before & (before + 1)) == 0;
    }

    /**
     * Counts a refusal, and reports the first of its kind only: a flood of bad input must not fill the error log.
     *
     * @param counter the refusal's counter.
     * @param errors  where the first one is reported.
     * @param message what was refused, and the fix.
     * @return false, for a caller that answers whether it admits.
     */
    public static boolean refuseOnce(final Counter counter, final Consumer<Throwable> errors, final String message)
    {
        if (counter.add(1) == 0)
        {
            errors.accept(new IllegalStateException(message + " (reported once; see the counter for all)"));
        }
        return false;
    }
}
