package io.nanostream.cli;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Publication;
import io.nanostream.client.Subscription;
import io.nanostream.driver.DriverContext;
import io.nanostream.driver.MediaDriver;
import io.nanostream.log.FragmentAssembler;
import org.junit.jupiter.api.Test;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * With native access (the native-access execution): {@code stat} shows batched datagrams on, and the segmented and
 * coalesced messages a long message's equal fragments travel in.
 */
class StatUdpBatchNativeTest
{
    @Test
    void statShowsBatchingOnAndTheOffloadedMessages() throws Exception
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        final Path base = new DriverContext().directory();
        final DriverContext context = new DriverContext().directory(base.resolveSibling(base.getFileName() + "-" +
            UUID.randomUUID()));
        context.datagramBatching().datagramsPerCall(8);
        final int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress()))
        {
            port = probe.getLocalPort();
        }
        final String channel = "nano:udp?endpoint=127.0.0.1:" + port;
        try (MediaDriver driver = MediaDriver.launch(context); NanoStream client = driver.connect();
             Subscription subscription = client.addSubscription(channel,
                 5); Publication publication = client.addPublication(channel, 5))
        {
            final AtomicBuffer message = AtomicBuffer.allocateHeap(8 * 1024); // six MTU-long fragments: one segmented message
            final int[] received = {0};
            final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, length,
                header) -> received[0]++);
            final long deadline = System.nanoTime() + 10_000_000_000L;
            int sent = 0;
            while (received[0] < 10 && System.nanoTime() < deadline)
            {
                if (sent < 10 && publication.offer(message, 0, (int)message.capacity()) > 0)
                {
                    sent++;
                }
                subscription.poll(assembler, 64);
            }
            assertThat(received[0]).isEqualTo(10);
            final String stat = CliOutput.run("stat", "--dir", driver.directory().toString(), "--once", "--interval-ms",
                "10");
            assertThat(stat).containsPattern("feature +- +1 +udp-batch: on: sendmmsg/recvmmsg, up to 8 messages per call")
                .containsPattern(" [1-9][0-9,]* +\\d+ +udp segmented messages sent")
                .containsPattern(" [1-9][0-9,]* +\\d+ +udp coalesced messages received");
        }
    }

}
