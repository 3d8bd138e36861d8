package io.nanostream.driver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A relay on loopback between a publisher and a subscriber, as a device on the path would be: the publisher sends to
 * the relay's port, the relay forwards to the subscriber's, and the subscriber's answers go back through it, so each
 * side sees the relay's address as the other's. A {@link Tamper} sees every datagram before it is forwarded, and may
 * change it or send datagrams of its own. Runs on a thread of its own until closed.
 */
final class UdpRelay implements AutoCloseable
{
    /** What the relay does to the datagrams it forwards. */
    interface Tamper
    {
        /**
         * A datagram from the publisher, about to go to the subscriber (change it in place, or send others first).
         *
         * @param datagram   its bytes, little-endian, from 0 to its limit.
         * @param subscriber sends a datagram of the relay's own to the subscriber.
         * @throws IOException if a send fails.
         */
        void fromPublisher(ByteBuffer datagram, Sender subscriber) throws IOException;

        /**
         * A datagram from the subscriber, about to go to the publisher.
         *
         * @param datagram  its bytes, little-endian.
         * @param publisher sends a datagram of the relay's own to the publisher.
         * @throws IOException if a send fails.
         */
        default void fromSubscriber(final ByteBuffer datagram, final Sender publisher) throws IOException
        {
        }

        /**
         * Once per loop, to send datagrams of its own when it chooses.
         *
         * @param subscriber sends to the subscriber.
         * @throws IOException if a send fails.
         */
        default void idle(final Sender subscriber) throws IOException
        {
        }
    }

    /** Sends one datagram to one side. */
    interface Sender
    {
        /**
         * @param datagram from its position to its limit.
         * @throws IOException if the send fails.
         */
        void send(ByteBuffer datagram) throws IOException;
    }

    /** Where publishers send: the relay's port. */
    final int port = UdpTransfer.freePort();
    /** Where the relay forwards: the subscriber's port. */
    final int subscriberPort = UdpTransfer.freePort();
    private final Tamper tamper;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread = new Thread(this::run, "udp-relay");

    UdpRelay(final Tamper tamper)
    {
        this.tamper = tamper;
        thread.start();
    }

    /** Fails the test if the relay failed. */
    void assertAlive()
    {
        assertThat(failure.get()).as("the relay failed").isNull();
    }

    private void run()
    {
        final ByteBuffer bytes = ByteBuffer.allocateDirect(65_536).order(ByteOrder.LITTLE_ENDIAN);
        final InetSocketAddress subscriber = new InetSocketAddress("127.0.0.1", subscriberPort);
        final InetSocketAddress[] publisher = {null};
        try (DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port)))
        {
            socket.configureBlocking(false);
            final Sender toSubscriber = datagram -> socket.send(datagram, subscriber);
            final Sender toPublisher = datagram ->
            {
                if (publisher[0] != null)
                {
                    socket.send(datagram, publisher[0]);
                }
            };
            while (!stop.get())
            {
                tamper.idle(toSubscriber);
                bytes.clear();
                final InetSocketAddress from = (InetSocketAddress)socket.receive(bytes);
                if (from == null)
                {
                    Thread.onSpinWait();
                    continue;
                }
                bytes.flip();
                if (from.equals(subscriber))
                {
                    tamper.fromSubscriber(bytes, toPublisher);
                    toPublisher.send(bytes);
                    continue;
                }
                publisher[0] = from;
                tamper.fromPublisher(bytes, toSubscriber);
                toSubscriber.send(bytes);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            failure.set(ex);
        }
    }

    @Override
    public void close() throws InterruptedException
    {
        stop.set(true);
        thread.join();
    }
}
