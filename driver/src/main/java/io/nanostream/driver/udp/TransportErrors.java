package io.nanostream.driver.udp;

import io.nanostream.driver.status.TransportCounters;

import java.util.function.Consumer;

/** How the sender and receiver threads deal with an exception they catch: count it, report a few, go on. Stateless. */
final class TransportErrors
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
    static void report(final TransportCounters transport, final Consumer<Throwable> errors, final RuntimeException error)
    {
        final long before = transport.transportErrors.add(1);
        if ((before & (before + 1)) == 0)
        {
            errors.accept(error);
        }
    }
}
