package io.nanostream.driver.conductor;

import io.nanostream.driver.auth.KeyRing;
import io.nanostream.driver.loss.LossGenerator;
import io.nanostream.driver.udp.HostResolver;
import io.nanostream.driver.udp.ReceiverLimits;
import io.nanostream.driver.udp.SocketBatching;

import java.util.function.Supplier;

/**
 * What the conductor needs of the driver's configuration, checked already (see
 * {@code DriverContext.conclude()}), as plain values.
 *
 * @param ipcTermLength             term length of IPC logs unless the channel says.
 * @param udpTermLength             term length of UDP logs unless the channel says.
 * @param mtu                       MTU unless the channel says.
 * @param ipcPublicationWindow      how far an IPC publisher may run ahead of its slowest subscriber, 0 for half a term.
 * @param receiverWindow            a UDP receiver's window.
 * @param clientLivenessNanos       how long a silent client keeps what it holds.
 * @param publicationUnblockNanos   how long a frame may stay unfinished before the driver pads over it.
 * @param publicationLingerNanos    how long a drained publication's log stays mapped.
 * @param imageLivenessNanos        how long a silent UDP image (or receiver) lives.
 * @param sparseLogFiles            whether logs are left sparse rather than written through at creation.
 * @param sendLoss                  loss injected on sending, one generator per socket.
 * @param receiveLoss               loss injected on receiving, one generator per socket.
 * @param receiverLimits            what the network may ask of the receiver: term length and image caps.
 * @param logPlacement              where logs go, and whether in huge pages.
 * @param udpBatching               JDK channels, or batched native sockets.
 * @param keyRing                   the keys of {@code auth=} channels, or null if the driver has no key file.
 * @param nameResolution            how host names are looked up, and how often again.
 */
public record ConductorSettings(
    int ipcTermLength, int udpTermLength, int mtu, int ipcPublicationWindow, int receiverWindow,
    long clientLivenessNanos, long publicationUnblockNanos, long publicationLingerNanos, long imageLivenessNanos,
    boolean sparseLogFiles, Supplier<LossGenerator> sendLoss, Supplier<LossGenerator> receiveLoss,
    int maxRegistrationsPerClient, ReceiverLimits receiverLimits, LogPlacement logPlacement, SocketBatching udpBatching,
    KeyRing keyRing, NameResolution nameResolution)
{
    /**
     * How host names become addresses, and how often a publication's are looked up again.
     *
     * @param lookup        the name service.
     * @param intervalNanos how often a name is looked up again.
     */
    public record NameResolution(HostResolver.Lookup lookup, long intervalNanos)
    {
    }

    /**
     * The IPC window for a term length.
     *
     * @param termLength the term length.
     * @return the window: the configured one, capped at half a term.
     */
    int ipcWindowFor(final int termLength)
    {
        return ipcPublicationWindow <= 0 ? termLength / 2 : Math.min(ipcPublicationWindow, termLength / 2);
    }
}
