package io.nanostream.concurrent;

/**
 * Told how long each duty cycle of an agent took, by the {@link AgentRunner} or {@link AgentInvoker} that runs it: the
 * place to count cycles over a threshold and keep the longest, the first thing to look at when a low-latency thread
 * stalled. Called on the agent's thread after every cycle that did work; idle cycles are not measured.
 */
@FunctionalInterface
public interface DutyCycleTracker
{
    /** Tracks nothing: for agents nobody watches. */
    DutyCycleTracker NONE = nanos -> { };

    /**
     * A cycle that did work has ended.
     *
     * @param cycleNanos how long it took, from the start of {@code doWork} to its return.
     */
    void cycleTook(long cycleNanos);
}
