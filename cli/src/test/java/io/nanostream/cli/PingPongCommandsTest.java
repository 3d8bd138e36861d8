package io.nanostream.cli;

import io.nanostream.driver.MediaDriver;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code nano-stream ping} and {@code pong} through one embedded driver, over IPC and over UDP on loopback. */
class PingPongCommandsTest
{
    private static void pingAndPong(final String pingChannel, final String pongChannel) throws Exception
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded())
        {
            final String dir = driver.directory().toString();
            final int messages = 2_000;
            final int warmup = 500;
            final CompletableFuture<Integer> pong = CompletableFuture.supplyAsync(() -> Main.execute("pong", "--dir",
                dir, "--ping-channel", pingChannel, "--pong-channel", pongChannel, "--count", String.valueOf(messages +
                warmup), "--idle", "yield"));
            final PrintStream original = System.out;
            final ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            final int status;
            try
            {
                status = Main.execute("ping", "--dir", dir, "--ping-channel", pingChannel, "--pong-channel",
                    pongChannel, "--messages", String.valueOf(messages), "--warmup", String.valueOf(warmup), "--length",
                    "64", "--idle", "yield");
            }
            finally
            {
                System.setOut(original);
            }
            assertThat(status).isZero();
            assertThat(captured.toString(StandardCharsets.UTF_8)).matches("(?s)2000 round trips of 64 bytes: p50 [0-9,]+ ns .*p99 [0-9,]+ ns.*");
            assertThat(pong.get(30, TimeUnit.SECONDS)).as("pong stops after its count").isZero();
        }
    }

    @Test
    void pingMeasuresRoundTripsToPongOverIpc() throws Exception
    {
        pingAndPong("nano:ipc", "nano:ipc");
    }

    @Test
    void pingMeasuresRoundTripsToPongOverUdp() throws Exception
    {
        final int[] ports = freeUdpPorts(2);
        pingAndPong("nano:udp?endpoint=localhost:" + ports[0], "nano:udp?endpoint=localhost:" + ports[1]);
    }

    /**
     * Ports free on loopback now, as the kernel picks them: fixed ports may be taken by another test run or
     * program on the same machine. All are held until all are picked, so that they differ.
     */
    private static int[] freeUdpPorts(final int count) throws SocketException
    {
        final DatagramSocket[] sockets = new DatagramSocket[count];
        final int[] ports = new int[count];
        try
        {
            for (int i = 0; i < count; i++)
            {
                sockets[i] = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        }
        finally
        {
            for (final DatagramSocket socket : sockets)
            {
                if (socket != null)
                {
                    socket.close();
                }
            }
        }
        return ports;
    }

    @Test
    void aTooShortMessageIsRefusedWithTheReason()
    {
        final PrintStream original = System.err;
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            assertThat(Main.execute("ping", "--length", "4")).isNotZero();
        }
        finally
        {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("--length must be at least 8 bytes");
    }

    @Test
    void pingWithNoPongGivesUpAtItsTimeoutAndSaysWhatToStart()
    {
        try (MediaDriver driver = MediaDriver.launchEmbedded())
        {
            final PrintStream original = System.err;
            final ByteArrayOutputStream captured = new ByteArrayOutputStream();
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            final long start = System.nanoTime();
            final int status;
            try
            {
                status = Main.execute("ping", "--dir", driver.directory().toString(), "--ping-channel", "nano:ipc",
                    "--pong-channel", "nano:ipc", "--timeout", "300ms");
            }
            finally
            {
                System.setErr(original);
            }
            assertThat(status).isNotZero();
            assertThat(System.nanoTime() - start).as("waited its timeout").isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            assertThat(captured.toString(StandardCharsets.UTF_8)).contains("no pong connected within 300 ms (--timeout)")
                .contains("nano-stream pong");
        }
    }
}
