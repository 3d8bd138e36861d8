package io.nanostream.bench.udp;

import io.nanostream.bench.LatencyShape;
import io.nanostream.bench.ScenarioCatalog;
import io.nanostream.bench.ThroughputShape;
import io.nanostream.bench.ipc.AeronIpcShapes;
import io.nanostream.bench.ipc.NanoIpcShapes;
import io.nanostream.bench.ipc.RateShape;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * The UDP scenarios: the IPC shapes over {@code udp} channels on loopback, one embedded driver in shared
 * threading mode with back-off idling sending to itself, ours and Aeron's. Aeron's JVM gets the flags
 * Agrona and its UDP poller need on JDK 25; ours gets none.
 */
public final class UdpScenarios implements ScenarioCatalog
{
    private static final String TERM = "|term-length=16m";
    /**
     * The loss shapes' term, the same for both: each side's window is half of it, and repair
     * works within what the sender keeps.
     */
    private static final String LOSSY_TERM = "|term-length=1m";
    /** Our driver with batched datagrams ({@code sendmmsg}/{@code recvmmsg}). */
    static final String BATCHED = "nano-batch";
    private static final int DATAGRAMS_PER_CALL = 16;
    /** Our driver on an {@code auth=} channel: every datagram signed and checked. */
    static final String AUTHENTICATED = "nano-auth";
    /** Our driver on a {@code crc=crc32c} channel: every data frame's payload checksummed and checked. */
    static final String CHECKSUMMED = "nano-crc";
    private static final String KEY_NAME = "bench";
    /** Our driver dropping 0.3 % of data frames on receive, under a {@code reliable=false} subscription. */
    static final String LOSSY = "nano-loss-0.3%";
    private static final double UNRELIABLE_LOSS_RATE = 0.003;

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
        return List.of("udp-32", "udp-1k", "udp-pingpong", "udp-32-auth", "udp-32-crc", "udp-loss-5", "udp-loss-20",
            "udp-unreliable-rate-10k");
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
        return switch (scenario)
        {
            case "udp-32-auth" -> List.of(AUTHENTICATED,
                "nano"); // what signing costs: ours with auth= over ours without
            case "udp-32-crc" -> List.of(CHECKSUMMED, "nano");
            case "udp-loss-5", "udp-loss-20" -> List.of("nano", "aeron"); // repair against repair, both on JDK channels
            case "udp-unreliable-rate-10k" -> List.of(LOSSY,
            "nano"); // reliable=false at 0.3 % loss against the same without loss
            default -> List.of(BATCHED, "nano", "aeron");
        };
    }

    @Override
    public List<String> jvmArgs(final String impl)
    {
        return switch (impl)
        {
            case "aeron" -> List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens",
                "java.base/sun.nio.ch=ALL-UNNAMED");
            case BATCHED -> List.of("--enable-native-access=ALL-UNNAMED");
            default -> List.of("-D" + "nanostream.udp.auth.keys=" +
                keyFile()); // all our plain drivers too: one JVM runs both
        };
    }

    /** The loss shapes time moving 200,000 messages, as the issue that asked for them defines them. */
    @Override
    public long fixedEvents(final String scenario)
    {
        return scenario.startsWith("udp-loss-") ? 200_000 : 0;
    }

    @Override
    public boolean isLatency(final String scenario)
    {
        return scenario.equals("udp-pingpong") || scenario.equals("udp-unreliable-rate-10k");
    }

    /** Two seconds of the paced stream per run: 20,000 messages, enough for a p99.9 of 20 samples above it. */
    @Override
    public long minimumRoundTrips(final String scenario)
    {
        return scenario.equals("udp-unreliable-rate-10k") ? 20_000 : ScenarioCatalog.super.minimumRoundTrips(scenario);
    }

    /**
     * {@code udp-loss-5} and {@code udp-loss-20} move 64-byte messages with 5 % and 20 % of datagrams dropped on
     * receive each way (data at the subscriber, status messages and NAKs at the publisher): the rate is what repair
     * sustains, and 200,000 divided by it the time to move 200,000 messages.
     */
    @Override
    public ThroughputShape throughput(final String scenario, final String impl)
    {
        if (scenario.startsWith("udp-loss-"))
        {
            final double lossRate = Integer.parseInt(scenario.substring("udp-loss-".length())) / 100.0;
            final String channel = channel(impl, freePort());
            return impl.equals("aeron") ? AeronIpcShapes.lossyThroughput(64, channel + LOSSY_TERM, channel, lossRate) :
                NanoIpcShapes.lossyThroughput(64, channel + LOSSY_TERM, channel, lossRate);
        }
        final int length = switch (scenario)
        {
            case "udp-32", "udp-32-auth", "udp-32-crc" -> 32;
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
        if (scenario.equals("udp-unreliable-rate-10k"))
        {
            final String channel = "nano:udp?endpoint=127.0.0.1:" + freePort();
            return RateShape.nanoUdp(channel + "|term-length=64k", channel + "|reliable=false", impl.equals(LOSSY) ?
                UNRELIABLE_LOSS_RATE : 0, 10_000);
        }
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
        return (impl.equals("aeron") ? "aeron" : "nano") + ":udp?endpoint=127.0.0.1:" + port +
            (impl.equals(AUTHENTICATED) ? "|auth=" + KEY_NAME : impl.equals(CHECKSUMMED) ? "|crc=crc32c" : "");
    }

    /** A key file for the bench's {@code auth=} channels, with a key made for this machine once. */
    private static String keyFile()
    {
        final Path file = Path.of(System.getProperty("java.io.tmpdir"), "nano-stream-bench-keys-" +
            System.getProperty("user.name"));
        try
        {
            if (!Files.exists(file))
            {
                final byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, KEY_NAME + " 1 " + HexFormat.of().formatHex(key) + "\n");
            }
            return file.toString();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write the bench's key file " + file, ex);
        }
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
