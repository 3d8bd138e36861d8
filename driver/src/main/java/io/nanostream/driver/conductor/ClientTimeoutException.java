package io.nanostream.driver.conductor;

import java.util.concurrent.TimeUnit;

/**
 * A client the driver forgot because it stopped heartbeating, as written to the distinct-error log: one entry per
 * client, with no stack trace (it would only show the conductor's housekeeping), so that many clients timed out over a
 * driver's life take little of the log. Made on the conductor thread.
 */
final class ClientTimeoutException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * Describes a timed-out client.
     *
     * @param clientId      the client.
     * @param silentNanos   how long it had been silent.
     * @param livenessNanos the client liveness timeout.
     */
    ClientTimeoutException(final long clientId, final long silentNanos, final long livenessNanos)
    {
        super("client " + clientId + " timed out: no keepalive for " + TimeUnit.NANOSECONDS.toSeconds(silentNanos) +
            " s or more (client liveness timeout " + TimeUnit.NANOSECONDS.toMillis(livenessNanos) + " ms); its publications " +
            "and subscriptions were released. A live client is timed out only if it could not heartbeat: a stopped JVM, a pause " +
            "longer than the timeout, or an invoker-mode client that was not invoked", null, false, false);
    }
}
