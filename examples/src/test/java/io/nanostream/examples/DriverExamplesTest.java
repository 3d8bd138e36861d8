package io.nanostream.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples in one process go through real embedded drivers and print every message, in order. */
@Timeout(90) // each test starts one or two drivers, whose agent threads share the CPUs with everything else
class DriverExamplesTest
{
    @Test
    void aClientFindsTheDriverEmbeddedInItsProcess() throws Exception
    {
        final List<String> lines = Printed.linesOf(out -> EmbeddedDriverExample.run(3, out));

        assertThat(lines).hasSize(4);
        assertThat(lines.subList(0, 3)).containsExactly("received hello 0", "received hello 1", "received hello 2");
        assertThat(lines.get(3)).startsWith("driver was in ").contains("nano-stream");
    }

    @Test
    void claimedOrdersArriveAsTheyWereWrittenInPlace() throws Exception
    {
        final List<String> lines = Printed.linesOf(out -> ZeroCopyExample.run(500, out));

        assertThat(lines).containsExactlyElementsOf(IntStream.rangeClosed(1, 500).mapToObj(id -> "order " + id +
            " NANO").toList());
    }

    @Test
    void aRecordedStreamComesBackFromTheArchiveInOrder(@org.junit.jupiter.api.io.TempDir final java.nio.file.Path archive) throws Exception
    {
        final List<String> lines = Printed.linesOf(out -> RecordAndReplayExample.run(5, archive, out));

        assertThat(lines).containsExactly("recorded 320 bytes as recording 0", "replayed price 100",
            "replayed price 101", "replayed price 102", "replayed price 103", "replayed price 104",
            "late reader, merged into live: tick 0, tick 1, tick 2, tick 3, tick 4, tick 5, tick 6, tick 7, tick 8, tick 9");
    }

    @Test
    void messagesCrossUdpBetweenTwoDriversInOrder() throws Exception
    {
        final int port;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            port = socket.getLocalPort();
        }
        final AtomicReference<List<String>> received = new AtomicReference<>();
        final List<String> lines = Printed.linesOf(out -> received.set(UdpExample.run(5000, port, out)));

        assertThat(lines).containsExactly("received 5000 in order true");
        assertThat(received.get()).containsExactlyElementsOf(IntStream.range(0, 5000).mapToObj(i -> "udp " +
            i).toList());
    }

    @Test
    void multiDestinationCastReachesEveryReceiverInOrder() throws Exception
    {
        final int[] ports = new int[4];
        final List<DatagramSocket> held = new java.util.ArrayList<>();
        try
        {
            for (int i = 0; i < ports.length; i++)
            {
                final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                held.add(socket); // held until all four are picked, so that they differ
                ports[i] = socket.getLocalPort();
            }
        }
        finally
        {
            held.forEach(DatagramSocket::close);
        }
        final List<String> lines = Printed.linesOf(out -> MultiDestinationExample.run(1000, ports, out));

        assertThat(lines).containsExactly("dynamic: 1000 and 1000 in order", "manual: 1000 in order");
    }
}
