package io.nanostream.driver;

import io.nanostream.driver.status.FeatureStatus;
import io.nanostream.driver.udp.SocketBatching;
import io.nanostream.natives.net.NativeUdpSocket;

/**
 * How the driver's UDP sockets move datagrams, part of {@link DriverContext} ({@link
 * DriverContext#datagramBatching()}): one per system call through JDK channels (the default), or up to {@link
 * #datagramsPerCall()} per {@code sendmmsg} and {@code recvmmsg} through native sockets, for IPv4 channels (IPv6
 * channels keep the JDK channel). Batching needs native access and Linux; without them the driver uses channels and
 * {@code stat} shows the {@code udp-batch} feature off with the reason. Starts from {@code nanostream.udp.batch}. Not
 * thread-safe: configure, then launch.
 */
public final class DatagramBatching
{
    /** The feature's name in {@code stat}. */
    static final String FEATURE = "udp-batch";
    /** The most datagrams per call. */
    public static final int MAX_DATAGRAMS_PER_CALL = 1024;

    private int datagramsPerCall = DriverProperties.UDP_BATCH.read();
    private boolean offload = DriverProperties.UDP_OFFLOAD.read();

    DatagramBatching()
    {
    }

    /**
     * Sets the datagrams per system call (default 0, off; {@code nanostream.udp.batch}). 16 to 64 amortise the
     * call well; each receive endpoint holds 64 KiB of native memory per datagram of its batch.
     *
     * @param datagrams 0 for JDK channels, or 1 to {@value #MAX_DATAGRAMS_PER_CALL}.
     * @return this.
     */
    public DatagramBatching datagramsPerCall(final int datagrams)
    {
        this.datagramsPerCall = datagrams;
        return this;
    }

    /** {@return the datagrams per system call asked for; 0 when off} */
    public int datagramsPerCall()
    {
        return datagramsPerCall;
    }

    /**
     * Sets whether batching also uses the kernel's UDP offloads where it has them (default on;
     * {@code nanostream.udp.offload}): a sender hands runs of equal datagrams to the kernel as one message to cut
     * ({@code UDP_SEGMENT}, unicast), and a receiver takes datagrams of one sender that arrive together as one
     * ({@code UDP_GRO}). Peers see ordinary datagrams either way.
     *
     * @param offload true to use them.
     * @return this.
     */
    public DatagramBatching offload(final boolean offload)
    {
        this.offload = offload;
        return this;
    }

    /** {@return whether batching uses the kernel's UDP offloads where it has them} */
    public boolean offload()
    {
        return offload;
    }

    /**
     * {@return the {@code udp-batch} feature's status at launch: on if asked for and
     * available, else off with the reason}
     */
    FeatureStatus status()
    {
        if (datagramsPerCall <= 0)
        {
            return FeatureStatus.off(FEATURE, "not requested (" + DriverProperties.UDP_BATCH +
                "=0; set it to e.g. 16, with native access)");
        }
        final String reason = NativeUdpSocket.unavailableReason();
        return reason == null ?
            FeatureStatus.on(FEATURE, "sendmmsg/recvmmsg, up to " + datagramsPerCall +
            " messages per call on IPv4 channels" +
                (offload ? ", with UDP_SEGMENT/UDP_GRO where the kernel has them" : ", no offload (" +
                DriverProperties.UDP_OFFLOAD + "=false)")) :
            FeatureStatus.off(FEATURE, reason);
    }

    /** {@return the batching in effect: as asked when available, else JDK channels} */
    SocketBatching inEffect()
    {
        return status().on() ? new SocketBatching(datagramsPerCall, offload) : SocketBatching.OFF;
    }
}
