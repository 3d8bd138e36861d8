package io.nanostream.bench;

import java.util.List;

/**
 * A catalog for the bench's own tests ({@code --catalog}): one scenario that runs, and one for each way a scenario
 * fails: building its shape throws, a run hangs, an offer returns {@code CLOSED}.
 */
public final class FailingScenarios implements ScenarioCatalog
{
    private FailingScenarios()
    {
    }

    /**
     * The catalog, as {@link Catalogs} loads it.
     *
     * @return the catalog.
     */
    public static ScenarioCatalog catalog()
    {
        return new FailingScenarios();
    }

    @Override
    public String transport()
    {
        return "selftest";
    }

    @Override
    public List<String> scenarios()
    {
        return List.of("runs", "throws", "hangs", "closed");
    }

    @Override
    public List<String> impls(final String scenario)
    {
        return List.of("ours", "anchor");
    }

    @Override
    public boolean isLatency(final String scenario)
    {
        return false;
    }

    @Override
    public ThroughputShape throughput(final String scenario, final String impl)
    {
        if (scenario.equals("throws"))
        {
            throw new IllegalStateException("the shape could not be built: boom");
        }
        return new ThroughputShape()
        {
            private long sink;

            @Override
            public long run(final long events) throws Exception
            {
                final long start = System.nanoTime();
                switch (scenario)
                {
                    case "hangs" -> Thread.sleep(Long.MAX_VALUE);
                    case "closed" -> OfferResult.retry(-4, "selftest publication");
                    default ->
                    {
                        for (long i = 0; i < events; i++)
                        {
                            sink += i;
                        }
                    }
                }
                return Math.max(1, System.nanoTime() - start);
            }

            @Override
            public void close()
            {
            }
        };
    }

    @Override
    public LatencyShape latency(final String scenario, final String impl)
    {
        throw new UnsupportedOperationException("no latency scenario here");
    }
}
