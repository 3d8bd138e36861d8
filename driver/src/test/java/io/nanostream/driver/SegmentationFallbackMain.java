package io.nanostream.driver;

import io.nanostream.client.ClientContext;
import io.nanostream.client.ExclusivePublication;
import io.nanostream.client.NanoStream;
import io.nanostream.client.Subscription;
import io.nanostream.driver.status.TransportCounters;

/**
 * Run by {@link UdpSegmentationFallbackTest} in a network namespace of its own whose loopback has a 1500-byte MTU: two
 * drivers with batched sockets carry 4 KiB datagrams (channel {@code mtu=4096}) that the kernel cannot segment there,
 * then print what the sender counted.
 */
public final class SegmentationFallbackMain
{
    private SegmentationFallbackMain()
    {
    }

    /**
     * Runs the transfer.
     *
     * @param args unused.
     * @throws Exception if it fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final DriverContext sendingContext = UdpRoundTripTest.context(ThreadingMode.SHARED);
        sendingContext.datagramBatching().datagramsPerCall(16);
        final DriverContext receivingContext = UdpRoundTripTest.context(ThreadingMode.SHARED);
        receivingContext.datagramBatching().datagramsPerCall(16);
        try (MediaDriver sending = MediaDriver.launch(sendingContext);
             MediaDriver receiving = MediaDriver.launch(receivingContext);
             NanoStream publisherClient = NanoStream.connect(new ClientContext().directory(sending.directory()));
             NanoStream subscriberClient = NanoStream.connect(new ClientContext().directory(receiving.directory())))
        {
            final String channel = "nano:udp?endpoint=127.0.0.1:" + UdpTransfer.freePort() +
                "|term-length=256k|mtu=4096";
            try (Subscription subscription = subscriberClient.addSubscription(channel, 3);
                 ExclusivePublication publication = publisherClient.addExclusivePublication(channel, 3))
            {
                UdpTransfer.transfer(publication, subscription, 5_000, 12_000, 60);
            }
            final TransportCounters sent = sending.transportCounters();
            System.out.println("transferred");
            System.out.println("socket errors " + sent.value("udp socket errors"));
            System.out.println("segmented messages " + sent.value("udp segmented messages sent"));
        }
    }
}
