package io.nanostream.driver.udp;

import io.nanostream.concurrent.Clock;
import io.nanostream.driver.status.TransportCounters;

import java.util.function.Consumer;

/**
 * What the sender and the receiver each work with besides their own command queue: the conductor's queue, to hand back
 * what they let go of; their clock, read once per duty cycle; the transport counters; and where the exceptions they
 * catch are reported (a few of them: the counters have all). One per agent, made by the conductor before the agents'
 * threads start, then used by that agent's thread.
 *
 * @param conductor the conductor's queue.
 * @param clock     the agent's clock.
 * @param transport the transport counters, where caught exceptions are counted.
 * @param errors    where caught exceptions are reported.
 */
public record TransportAgentServices(
    CommandQueue<ConductorCommand> conductor, Clock clock, TransportCounters transport, Consumer<Throwable> errors)
{
    /**
     * Counts an exception a duty caught, and reports the first, second, fourth... of its kind.
     *
     * @param ex the exception.
     */
    void report(final RuntimeException ex)
    {
        TransportErrors.report(transport, errors, ex);
    }
}
