package io.nanostream.bench;

/** One implementation of a throughput scenario, set up once and run many times in one JVM. */
public interface ThroughputShape extends AutoCloseable
{
    /**
     * Moves {@code events} events through the shape and checks that every one arrived intact.
     *
     * @param events how many events to move.
     * @return the elapsed time in nanoseconds, from the first publish to the last event handled.
     * @throws IllegalStateException if the check fails (a lost, duplicated or corrupted event).
     */
    long run(long events) throws Exception;

    @Override
    void close() throws Exception;
}
