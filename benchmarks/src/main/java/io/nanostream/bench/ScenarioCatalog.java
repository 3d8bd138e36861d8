package io.nanostream.bench;

import java.util.List;

/** The scenarios of one transport and the implementations that can run each. */
public interface ScenarioCatalog
{
    /**
     * The transport's name, as given to {@code nano-stream bench}.
     *
     * @return e.g. {@code ring}.
     */
    String transport();

    /**
     * The scenarios, in the order they run.
     *
     * @return scenario names.
     */
    List<String> scenarios();

    /**
     * The least warm-up this catalog's implementations need to reach steady state in throughput scenarios, unless a
     * warm-up is asked for explicitly.
     *
     * @return milliseconds per implementation and JVM.
     */
    default int minimumWarmupMillis()
    {
        return 0;
    }

    /**
     * How long each freshly built shape runs unmeasured before its measured run: long enough for what the
     * shape builds (a log's first lap, a child JVM's compilation) to stop showing in the figures.
     *
     * @param scenario the scenario.
     * @return milliseconds per round.
     */
    default int shapeWarmupMillis(final String scenario)
    {
        return 100;
    }

    /**
     * The scenarios {@code nano-stream bench} runs with no transport named, to stay within its time budget.
     *
     * @return a subset of {@link #scenarios()}; all of them unless a catalog says otherwise.
     */
    default List<String> quickScenarios()
    {
        return scenarios();
    }

    /**
     * The implementations of a scenario, ours first.
     *
     * @param scenario the scenario.
     * @return implementation names.
     */
    List<String> impls(String scenario);

    /**
     * The fewest round trips (or messages) a latency run measures: enough for a p99.9, unless a scenario paces its
     * messages so slowly that it asks for fewer.
     *
     * @param scenario the scenario.
     * @return the fewest per run.
     */
    default long minimumRoundTrips(final String scenario)
    {
        return 10_000;
    }

    /**
     * A throughput scenario that times a fixed task, "move this many messages", rather than a rate over a run time:
     * each round moves exactly this many, after one warm-up of a tenth of them. Loss shapes need it: their rate swings
     * with repair, and sizing runs from a warm-up rate can make one run last minutes.
     *
     * @param scenario the scenario.
     * @return messages per round; 0 to size rounds from the warm-up rate.
     */
    default long fixedEvents(final String scenario)
    {
        return 0;
    }

    /**
     * Extra JVM arguments an implementation needs (an anchor's flags); implementations whose arguments
     * differ run in JVMs of their own, alternating round by round.
     *
     * @param impl the implementation.
     * @return the arguments, usually none.
     */
    default List<String> jvmArgs(final String impl)
    {
        return List.of();
    }

    /**
     * Whether a scenario measures round trips rather than throughput.
     *
     * @param scenario the scenario.
     * @return true for round-trip scenarios.
     */
    boolean isLatency(String scenario);

    /**
     * Builds a throughput shape.
     *
     * @param scenario the scenario.
     * @param impl     the implementation.
     * @return the shape.
     */
    ThroughputShape throughput(String scenario, String impl);

    /**
     * Builds a round-trip shape.
     *
     * @param scenario the scenario.
     * @param impl     the implementation.
     * @return the shape.
     */
    LatencyShape latency(String scenario, String impl);
}
