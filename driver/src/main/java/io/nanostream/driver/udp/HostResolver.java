package io.nanostream.driver.udp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Looks up the host names of channels without letting a slow name server hold the conductor: a lookup runs on a
 * thread of its own, the conductor waits for it at most {@link #WAIT_NANOS}, and a lookup still running is an
 * error that says to retry (the answer is kept for the retry, for {@link #KEEP_NANOS}). One lookup runs at a time; a
 * name asked for while another is still running is refused at once, so a client sending names that never resolve
 * costs the conductor one short wait per lookup, not one per command. Addresses need no lookup. Owned by the
 * conductor thread.
 */
public final class HostResolver implements AutoCloseable
{
    /**
     * How long the conductor waits for a lookup: far longer than a working name server takes, far
     * shorter than a client timeout.
     */
    public static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long an answer is kept. */
    public static final long KEEP_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** The name service, replaceable in tests. */
    @FunctionalInterface
    public interface Lookup
    {
        /**
         * Looks a host name up.
         *
         * @param host the name.
         * @return its address.
         * @throws UnknownHostException if it has none.
         */
        InetAddress lookup(String host) throws UnknownHostException;
    }

    private record Answer(Future<InetAddress> address, long askedNanos)
    {
    }

    private final Lookup lookup;
    private final Map<String, Answer> answers = new HashMap<>();
    private ExecutorService thread;
    private Future<InetAddress> running;

    /** A resolver over the JDK's name service. */
    public HostResolver()
    {
        this(InetAddress::getByName);
    }

    /**
     * A resolver over a name service of the caller's.
     *
     * @param lookup the name service.
     */
    public HostResolver(final Lookup lookup)
    {
        this.lookup = lookup;
    }

    /**
     * The address of a host: at once for an address, else from a lookup that took at most {@link #WAIT_NANOS}.
     *
     * @param host an address or a host name.
     * @return the address.
     * @throws UnknownHostException if the name has no address.
     * @throws IllegalStateException if the lookup is still running, or another one is: retry in a moment.
     */
    public InetAddress resolve(final String host) throws UnknownHostException
    {
        if (isAddress(host))
        {
            return InetAddress.getByName(host); // a literal is only checked for its form: no name server is asked
        }
        final long now = System.nanoTime();
        Answer answer = answers.get(host);
        if (answer != null && answer.address().isDone() && now - answer.askedNanos() > KEEP_NANOS)
        {
            answers.remove(host);
            answer = null;
        }
        if (answer == null)
        {
            if (running != null && !running.isDone())
            {
                throw new IllegalStateException("host '" + host +
                    "' waits for the name server, which is still answering an earlier " +
                    "lookup; retry in a moment, or give an address");
            }
            answers.values().removeIf(kept -> kept.address().isDone() && now - kept.askedNanos() > KEEP_NANOS);
            running = lookupThread().submit(() -> lookup.lookup(host));
            answer = new Answer(running, now);
            answers.put(host, answer);
        }
        try
        {
            return answer.address().get(WAIT_NANOS, TimeUnit.NANOSECONDS);
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("host '" + host +
                "' is still being looked up (the name server is slow); retry in a " + "moment, or give an address");
        }
        catch (final ExecutionException ex)
        {
            answers.remove(host); // a failed lookup is asked again next time
            if (ex.getCause() instanceof UnknownHostException unknown)
            {
                throw unknown;
            }
            throw new IllegalStateException("looking up host '" + host + "' failed: " + ex.getCause(), ex.getCause());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking up host '" + host + "'", ex);
        }
    }

    /**
     * Starts a fresh lookup of a host name, to follow a name whose address may have moved; never waits. The kept answer
     * stays for channels added meanwhile, and a lookup for a new channel is not refused for this one running.
     *
     * @param host a host name.
     * @return the lookup, to be polled with {@link Future#isDone()}; null if another
     * lookup is running (ask again later).
     */
    public Future<InetAddress> lookUpAgain(final String host)
    {
        if (running != null && !running.isDone())
        {
            return null;
        }
        return lookupThread().submit(() -> lookup.lookup(host));
    }

    private ExecutorService lookupThread()
    {
        if (thread == null)
        {
            thread = Executors.newSingleThreadExecutor(task -> Thread.ofPlatform().daemon().name("nano-stream-resolver").unstarted(task));
        }
        return thread;
    }

    /**
     * Whether a host is written as an address, which needs no lookup.
     *
     * @param host the host part of an endpoint.
     * @return true for an IPv4 or IPv6 literal.
     */
    public static boolean isAddress(final String host)
    {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }

    /** Stops the lookup thread. */
    @Override
    public void close()
    {
        if (thread != null)
        {
            thread.shutdownNow();
        }
    }
}
