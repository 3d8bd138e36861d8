package io.nanostream.natives.net;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** With native access (the native-access execution): batches over loopback, read back byte for byte. */
class NativeUdpSocketNativeTest
{
    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0);
    /** How long a datagram sent on loopback may take to arrive: the kernel may hand it over late on a busy machine. */
    private static final long RECEIVE_DEADLINE_NANOS = 30_000_000_000L;

    @BeforeEach
    void requireNativeAccess()
    {
        assumeTrue(Boolean.getBoolean("nanostream.test.native"), "runs in the native-access execution");
        assertThat(NativeUdpSocket.unavailableReason()).isNull();
    }

    @Test
    void sendsABatchInOneCallAndReceivesItInOne()
    {
        try (NativeUdpSocket receiver = NativeUdpSocket.open(8, 2048);
             NativeUdpSocket sender = NativeUdpSocket.open(8, 0);
             Arena arena = Arena.ofConfined())
        {
            receiver.bind(ANY_LOOPBACK_PORT);
            sender.bind(ANY_LOOPBACK_PORT);
            sender.connect(receiver.localAddress());
            final MemorySegment memory = arena.allocate(4096);
            for (int i = 0; i < 4096; i++)
            {
                memory.set(ValueLayout.JAVA_BYTE, i, (byte)(i * 7));
            }
            final int[] offsets = {0, 100, 1500, 3000};
            final int[] lengths = {64, 1, 1408, 1096};
            for (int i = 0; i < offsets.length; i++)
            {
                sender.stage(i, memory, offsets[i], lengths[i]);
            }
            assertThat(sender.sendStaged(4)).isEqualTo(4);

            final List<byte[]> received = receiveAll(receiver, 4);
            for (int i = 0; i < 4; i++)
            {
                assertThat(received.get(i)).isEqualTo(memory.asSlice(offsets[i],
                    lengths[i]).toArray(ValueLayout.JAVA_BYTE));
            }
            assertThat(receiver.received().source(0)).isEqualTo(sender.localAddress());
            assertThat(receiver.received().source(0)).isSameAs(receiver.received().source(0)); // a known sender costs no allocation
            assertThat(receiver.receive()).isZero();
        }
    }

    @Test
    void cutsAStagedMessageIntoDatagramsOfTheSegmentLength()
    {
        try (NativeUdpSocket receiver = NativeUdpSocket.open(8, 2048);
             NativeUdpSocket sender = NativeUdpSocket.open(2, 0);
             Arena arena = Arena.ofConfined())
        {
            receiver.bind(ANY_LOOPBACK_PORT);
            sender.connect(receiver.localAddress());
            assertThat(sender.options().segmentsDatagrams()).isTrue();
            final MemorySegment memory = arena.allocate(350);
            for (int i = 0; i < 350; i++)
            {
                memory.set(ValueLayout.JAVA_BYTE, i, (byte)i);
            }
            sender.stage(0, memory, 0, 350, 100);
            assertThat(sender.sendStaged(1)).isEqualTo(1);

            final List<byte[]> received = receiveAll(receiver, 4);
            assertThat(received).extracting(bytes -> bytes.length).containsExactly(100, 100, 100, 50);
            assertThat(received.get(3)).isEqualTo(memory.asSlice(300, 50).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    @Test
    void aCoalescingReceiverGetsASegmentedMessageWholeWithItsSegmentLength()
    {
        try (NativeUdpSocket receiver = NativeUdpSocket.open(8, 64 * 1024);
             NativeUdpSocket sender = NativeUdpSocket.open(2, 0);
             Arena arena = Arena.ofConfined())
        {
            receiver.bind(ANY_LOOPBACK_PORT);
            assertThat(receiver.options().coalesceDatagrams()).isTrue();
            sender.connect(receiver.localAddress());
            final MemorySegment memory = arena.allocate(350).fill((byte)9);
            sender.stage(0, memory, 0, 350, 100);
            sender.stage(1, memory, 0, 64);
            assertThat(sender.sendStaged(2)).isEqualTo(2);

            int messages = 0;
            final List<Integer> shapes = new ArrayList<>();
            for (long deadline = System.nanoTime() + RECEIVE_DEADLINE_NANOS; messages < 2 &&
                System.nanoTime() < deadline; )
            {
                final int count = receiver.receive();
                for (int i = 0; i < count; i++)
                {
                    shapes.add(receiver.received().length(i));
                    shapes.add(receiver.received().segmentLength(i));
                }
                messages += count;
            }
            assertThat(shapes).containsExactly(350, 100, 64, 0); // loopback hands the segmented message over whole
        }
    }

    @Test
    void refusesASegmentedMessageTheKernelCouldNotCut()
    {
        try (NativeUdpSocket socket = NativeUdpSocket.open(1, 0);
             Arena arena = Arena.ofConfined())
        {
            final MemorySegment memory = arena.allocate(70_000);
            assertThatThrownBy(() -> socket.stage(0, memory, 0, 66_000,
                1400)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> socket.stage(0, memory, 0, 6_500,
                100)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void reportsADatagramLongerThanItsSlotAsCut()
    {
        try (NativeUdpSocket receiver = NativeUdpSocket.open(2, 16);
             NativeUdpSocket sender = NativeUdpSocket.open(1, 64);
             Arena arena = Arena.ofConfined())
        {
            receiver.bind(ANY_LOOPBACK_PORT);
            assertThat(sender.sendTo(arena.allocate(100), 0, 100, receiver.localAddress())).isEqualTo(1);
            assertThat(awaitReceive(receiver)).isEqualTo(1);
            assertThat(receiver.received().length(0)).isEqualTo(-1);
        }
    }

    @Test
    void receivesOneDatagramIntoTheCallersMemory()
    {
        try (NativeUdpSocket receiver = NativeUdpSocket.open(1, 0);
             NativeUdpSocket sender = NativeUdpSocket.open(1, 0);
             Arena arena = Arena.ofConfined())
        {
            receiver.bind(ANY_LOOPBACK_PORT);
            final MemorySegment out = arena.allocate(32).fill((byte)5);
            final MemorySegment in = arena.allocate(64);
            assertThat(receiver.receiveInto(in)).isZero();
            sender.sendStagedTo(receiver.localAddress());
            sender.stage(0, out, 0, 32);
            assertThat(sender.sendStaged(1)).isEqualTo(1);
            int length = 0;
            for (long deadline = System.nanoTime() + RECEIVE_DEADLINE_NANOS; length == 0 &&
                System.nanoTime() < deadline; )
            {
                length = receiver.receiveInto(in);
            }
            assertThat(length).isEqualTo(32);
            assertThat(in.get(ValueLayout.JAVA_BYTE, 31)).isEqualTo((byte)5);
        }
    }

    @Test
    void namesTheProblemWhenTheAddressIsTaken()
    {
        try (NativeUdpSocket first = NativeUdpSocket.open(1, 0);
             NativeUdpSocket second = NativeUdpSocket.open(1, 0))
        {
            first.bind(ANY_LOOPBACK_PORT);
            assertThatThrownBy(() -> second.bind(first.localAddress()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bind to")
                .hasMessageContaining("EADDRINUSE");
        }
    }

    @Test
    void refusesStagingOutsideTheMemory()
    {
        try (NativeUdpSocket socket = NativeUdpSocket.open(2, 0);
             Arena arena = Arena.ofConfined())
        {
            final MemorySegment memory = arena.allocate(64);
            assertThatThrownBy(() -> socket.stage(0, memory, 60, 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> socket.stage(2, memory, 0, 8)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> socket.sendStaged(3)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    private static List<byte[]> receiveAll(final NativeUdpSocket receiver, final int expected)
    {
        final List<byte[]> received = new ArrayList<>();
        final long deadline = System.nanoTime() + RECEIVE_DEADLINE_NANOS;
        while (received.size() < expected && System.nanoTime() < deadline)
        {
            final int count = receiver.receive();
            assertThat(count).isGreaterThanOrEqualTo(0);
            for (int i = 0; i < count; i++)
            {
                received.add(receiver.received().slot(i).asSlice(0,
                    receiver.received().length(i)).toArray(ValueLayout.JAVA_BYTE));
            }
        }
        assertThat(received).hasSize(expected);
        return received;
    }

    private static int awaitReceive(final NativeUdpSocket receiver)
    {
        for (long deadline = System.nanoTime() + RECEIVE_DEADLINE_NANOS; System.nanoTime() < deadline; )
        {
            final int count = receiver.receive();
            if (count != 0)
            {
                return count;
            }
        }
        return 0;
    }
}
