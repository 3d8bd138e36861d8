package io.nanostream.bench.ring;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ScenarioCatalog;
import io.nanostream.bench.ThroughputShape;

import java.util.List;

/** The ring (between threads) scenarios and their implementations. */
public final class RingScenarios implements ScenarioCatalog
{
    private RingScenarios()
    {
    }

    /**
     * The catalog.
     *
     * @return the ring scenarios.
     */
    public static ScenarioCatalog catalog()
    {
        return new RingScenarios();
    }

    @Override
    public String transport()
    {
        return "ring";
    }

    @Override
    public List<String> scenarios()
    {
        return List.of("1p1c", "3p1c", "1p3c", "pipeline", "diamond", "1p3c-blocking", "pipeline-blocking",
            "diamond-blocking", "pingpong", "pingpong-poll", "1p0c", "batch64");
    }

    @Override
    public List<String> impls(final String scenario)
    {
        return switch (scenario)
        {
            case "1p1c", "3p1c", "pingpong", "pingpong-poll" -> List.of("nano", "disruptor", "jctools");
            default -> List.of("nano", "disruptor");
        };
    }

    @Override
    public boolean isLatency(final String scenario)
    {
        return scenario.startsWith("pingpong");
    }

    @Override
    public ThroughputShape throughput(final String scenario, final String impl)
    {
        if (scenario.equals("1p0c") || scenario.equals("batch64"))
        {
            return impl.equals("disruptor") ?
                ProducerOnlyShapes.disruptor(scenario) : ProducerOnlyShapes.nano(scenario);
        }
        return switch (impl)
        {
            case "nano" -> NanoRingShapes.throughput(scenario);
            case "disruptor" -> DisruptorShapes.throughput(scenario);
            case "jctools" -> JctoolsShapes.throughput(scenario);
            default -> throw new IllegalArgumentException("unknown implementation " + impl +
                "; use nano, disruptor or jctools");
        };
    }

    @Override
    public LatencyShape latency(final String scenario, final String impl)
    {
        if (scenario.equals("pingpong-poll"))
        {
            return switch (impl)
            {
                case "nano" -> PollPingPongShapes.nano();
                case "disruptor" -> PollPingPongShapes.disruptor();
                default -> JctoolsShapes.pingPong();
            };
        }
        return switch (impl)
        {
            case "nano" -> NanoRingShapes.pingPong();
            case "disruptor" -> DisruptorShapes.pingPong();
            case "jctools" -> JctoolsShapes.pingPong();
            default -> throw new IllegalArgumentException("unknown implementation " + impl +
                "; use nano, disruptor or jctools");
        };
    }
}
