package io.nanostream.bench.udp;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ScenarioCatalog;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.bench.ipc.AeronIpcShapes;
import io.nanostream.bench.ipc.NanoIpcShapes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;

/**
 * The UDP scenarios: the IPC shapes over {@code udp} channels on loopback, one embedded driver in shared
 * threading mode with back-off idling sending to itself, ours and Aeron's. Aeron's JVM gets the flags
 * Agrona and its UDP poller need on JDK 25; ours gets none.
 */
public final class UdpScenarios implements ScenarioCatalog
{
    private static final String TERM = "|term-length=16m";
    /** Our driver with batched datagrams ({@code sendmmsg}/{@code recvmmsg}). */
    static final String BATCHED = "nano-batch";
    private static final int DATAGRAMS_PER_CALL = 16;

    private UdpScenarios()
    {
    }

    /**
     * The catalog.
     *
     * @return the UDP scenarios.
     */
    public static ScenarioCatalog catalog()
    {
        return new UdpScenarios();
    }

    @Override
    public String transport()
    {
        return "udp";
    }

    @Override
    public List<String> scenarios()
    {
        return List.of("udp-32", "udp-1k", "udp-pingpong");
    }

    /**
     * The UDP path reaches steady state after a few million messages (measured: 0.75, 1.45, then 1.7-2.2 M/s per
     * second); throughput scenarios get this warm-up at least, round trips the one asked for.
     */
    @Override
    public int minimumWarmupMillis()
    {
        return 2500;
    }

    @Override
    public List<String> quickScenarios()
    {
        return List.of("udp-32", "udp-pingpong");
    }

    /**
     * Batched datagrams first, so its rows read as batched against channels and batched against Aeron; the batched
     * driver's JVM needs native access, the one flag the opt-in feature asks for.
     */
    @Override
    public List<String> impls(final String scenario)
    {
        return List.of(BATCHED, "nano", "aeron");
    }

    @Override
    public List<String> jvmArgs(final String impl)
    {
        return switch (impl)
        {
            case "aeron" -> List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED");
            case BATCHED -> List.of("--enable-native-access=ALL-UNNAMED");
            default -> List.of();
        };
    }

    @Override
    public boolean isLatency(final String scenario)
    {
        return scenario.equals("udp-pingpong");
    }

    @Override
    public ThroughputShape throughput(final String scenario, final String impl)
    {
        final int length = switch (scenario)
        {
            case "udp-32" -> 32;
            case "udp-1k" -> 1024;
            default -> throw new IllegalArgumentException("no udp scenario " + scenario);
        };
        final String channel = channel(impl, freePort());
        return impl.equals("aeron") ? AeronIpcShapes.throughput(length, channel + TERM, channel) :
            NanoIpcShapes.throughput(length, channel + TERM, channel, batch(impl));
    }

    @Override
    public LatencyShape latency(final String scenario, final String impl)
    {
        // one message in flight: small terms are enough, and four 16 MiB logs per launch would cost seconds to create
        final String ping = channel(impl, freePort());
        final String pong = channel(impl, freePort());
        final String term = "|term-length=64k";
        return impl.equals("aeron") ? AeronIpcShapes.pingPong(ping + term, ping, pong + term, pong) :
            NanoIpcShapes.pingPong(ping + term, ping, pong + term, pong, batch(impl));
    }

    private static int batch(final String impl)
    {
        return impl.equals(BATCHED) ? DATAGRAMS_PER_CALL : 0;
    }

    private static String channel(final String impl, final int port)
    {
        return (impl.equals("aeron") ? "aeron" : "nano") + ":udp?endpoint=127.0.0.1:" + port;
    }

    private static int freePort()
    {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot find a free UDP port on loopback", ex);
        }
    }
}
