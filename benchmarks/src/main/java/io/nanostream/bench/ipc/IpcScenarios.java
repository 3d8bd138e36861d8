package io.nanostream.bench.ipc;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ScenarioCatalog;
import io.nanostream.bench.ThroughputShape;

import java.util.List;

/**
 * The IPC scenarios, with both sides in one process and ({@code -2proc}) across two. Aeron
 * runs in a JVM of its own with the flag Agrona needs on JDK 25; ours runs without any.
 */
public final class IpcScenarios implements ScenarioCatalog
{
    /** Ours with raw memory access: native access enabled and {@code -Dnanostream.memory.raw=true}. */
    static final String RAW = "nano-raw";
    private static final String RAW_SUFFIX = "-raw";

    private IpcScenarios()
    {
    }

    /**
     * The catalog.
     *
     * @return the IPC scenarios.
     */
    public static ScenarioCatalog catalog()
    {
        return new IpcScenarios();
    }

    @Override
    public String transport()
    {
        return "ipc";
    }

    @Override
    public List<String> scenarios()
    {
        return List.of("ipc-32", "ipc-256", "ipc-1k", "ipc-pingpong", "ipc-32-2proc", "ipc-pingpong-2proc",
            "ipc-rate-1k", "ipc-rate-10k", "ipc-rate-100k", "ipc-32-raw", "ipc-256-raw", "ipc-pingpong-raw");
    }

    @Override
    public List<String> quickScenarios()
    {
        return List.of("ipc-32", "ipc-pingpong");
    }

    @Override
    public int shapeWarmupMillis(final String scenario)
    {
        // the far side of a two-process shape is a JVM started with the shape: it must compile before it is measured
        return scenario.endsWith("-2proc") ? 1500 : 200;
    }

    @Override
    public List<String> impls(final String scenario)
    {
        // the opt-in raw memory path (nanostream.memory.raw) is set for a whole JVM: it
        // runs beside Aeron and our default
        return scenario.endsWith(RAW_SUFFIX) ? List.of(RAW, "aeron") : List.of("nano", "aeron");
    }

    @Override
    public List<String> jvmArgs(final String impl)
    {
        return switch (impl)
        {
            case "aeron" -> List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");
            case RAW -> List.of("--enable-native-access=ALL-UNNAMED", "-Dnanostream.memory.raw=true");
            default -> List.of();
        };
    }

    /**
     * A paced scenario measures what its rate gives in a round: at 1,000 a second, 2,000 messages (2 s), not the 10,000
     * a round trip scenario takes.
     */
    @Override
    public long minimumRoundTrips(final String scenario)
    {
        return scenario.startsWith("ipc-rate-") ?
            Math.min(10_000, 2L * rate(scenario)) : ScenarioCatalog.super.minimumRoundTrips(scenario);
    }

    private static int rate(final String scenario)
    {
        return switch (scenario)
        {
            case "ipc-rate-1k" -> 1_000;
            case "ipc-rate-10k" -> 10_000;
            case "ipc-rate-100k" -> 100_000;
            default -> throw new IllegalArgumentException("no rate scenario " + scenario);
        };
    }

    @Override
    public boolean isLatency(final String scenario)
    {
        return scenario.startsWith("ipc-pingpong") || scenario.startsWith("ipc-rate-");
    }

    @Override
    public ThroughputShape throughput(final String scenario, final String impl)
    {
        if (scenario.endsWith(RAW_SUFFIX))
        {
            return throughput(scenario.substring(0, scenario.length() - RAW_SUFFIX.length()), impl);
        }
        if (scenario.equals("ipc-32-2proc"))
        {
            return impl.equals("aeron") ?
                AeronIpcTwoProcessShapes.throughput(32) : NanoIpcTwoProcessShapes.throughput(32);
        }
        final int length = switch (scenario)
        {
            case "ipc-32" -> 32;
            case "ipc-256" -> 256;
            case "ipc-1k" -> 1024;
            default -> throw new IllegalArgumentException("no ipc scenario " + scenario);
        };
        return impl.equals("aeron") ? AeronIpcShapes.throughput(length) : NanoIpcShapes.throughput(length);
    }

    @Override
    public LatencyShape latency(final String scenario, final String impl)
    {
        if (scenario.endsWith(RAW_SUFFIX))
        {
            return latency(scenario.substring(0, scenario.length() - RAW_SUFFIX.length()), impl);
        }
        if (scenario.startsWith("ipc-rate-"))
        {
            return new RateShape(impl.equals("aeron") ? RateStreams.aeron() : RateStreams.nano(), rate(scenario));
        }
        if (scenario.endsWith("-2proc"))
        {
            return impl.equals("aeron") ? AeronIpcTwoProcessShapes.pingPong() : NanoIpcTwoProcessShapes.pingPong();
        }
        return impl.equals("aeron") ? AeronIpcShapes.pingPong() : NanoIpcShapes.pingPong();
    }
}
