package io.nanostream.natives.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The native memory one {@code sendmmsg}/{@code recvmmsg} call reads: an array of Linux {@code struct mmsghdr}, one
 * {@code struct iovec} per message, one IPv4 {@code struct sockaddr_in} per message, and one control area per message
 * for a UDP segmentation ({@code UDP_SEGMENT}, sending) or coalescing ({@code UDP_GRO}, receiving) message
 * (LP64: x86-64 and aarch64).
 * <pre>
 * mmsghdr, 64 bytes each, at {@code i * 64}:
 *   0                   8       12      16                  24                  32
 *   +-------------------+-------+-------+-------------------+-------------------+
 *   | msg_name (ptr)    |namelen|  pad  | msg_iov (ptr)     | msg_iovlen = 1    |
 *   +-------------------+-------+-------+-------------------+-------------------+
 *   | msg_control (ptr) | msg_controllen    | msg_flags| pad | msg_len | pad     |
 *   +-------------------+-------------------+---------+------+---------+-------+
 *   32                  40                  48        52     56        60      64
 * iovec, 16 bytes each:    | iov_base (ptr) | iov_len (size_t) |
 * sockaddr_in, 16 bytes:   | family (2, host order) | port (2, network order) | address (4, network order) | zero (8) |
 * control area, 32 bytes:  cmsghdr | cmsg_len (size_t) | cmsg_level (int) | cmsg_type (int) | data, padded to 8 |
 *                          UDP_SEGMENT: level SOL_UDP (17), type 103, data a uint16 segment length, cmsg_len 18
 *                          UDP_GRO:     level SOL_UDP (17), type 104, data an int segment length, cmsg_len 20
 * </pre>
 * Used by the one thread that owns its socket at a time.
 */
final class MessageVector
{
    static final int HEADER_LENGTH = 64;
    static final int NAME_OFFSET = 0;
    static final int NAME_LENGTH_OFFSET = 8;
    static final int IOV_OFFSET = 16;
    static final int IOV_LENGTH_OFFSET = 24;
    static final int CONTROL_OFFSET = 32;
    static final int CONTROL_LENGTH_OFFSET = 40;
    static final int FLAGS_OFFSET = 48;
    static final int MESSAGE_LENGTH_OFFSET = 56;
    static final int IOVEC_LENGTH = 16;
    static final int SOCKADDR_LENGTH = 16;
    static final int AF_INET = 2;
    static final int CONTROL_AREA_LENGTH = 32;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int UDP_GRO = 104;
    private static final int CMSG_DATA_OFFSET = 16;

    private static final ValueLayout.OfShort SHORT_BIG_ENDIAN = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT_BIG_ENDIAN = ValueLayout.JAVA_INT_UNALIGNED.withOrder(java.nio.ByteOrder.BIG_ENDIAN);

    final int capacity;
    final MemorySegment headers;
    final MemorySegment iovecs;
    final MemorySegment names;
    final MemorySegment controls;

    MessageVector(final Arena arena, final int capacity)
    {
        this.capacity = capacity;
        this.headers = arena.allocate((long)capacity * HEADER_LENGTH, 8);
        this.iovecs = arena.allocate((long)capacity * IOVEC_LENGTH, 8);
        this.names = arena.allocate((long)capacity * SOCKADDR_LENGTH, 8);
        this.controls = arena.allocate((long)capacity * CONTROL_AREA_LENGTH, 8);
        for (int i = 0; i < capacity; i++)
        {
            final long header = (long)i * HEADER_LENGTH;
            headers.set(ValueLayout.JAVA_LONG, header + IOV_OFFSET, iovecs.address() + (long)i * IOVEC_LENGTH);
            headers.set(ValueLayout.JAVA_LONG, header + IOV_LENGTH_OFFSET, 1L);
        }
    }

    /** Points message {@code i}'s one iovec at memory. */
    void setBuffer(final int i, final long address, final long length)
    {
        final long iovec = (long)i * IOVEC_LENGTH;
        iovecs.set(ValueLayout.JAVA_LONG, iovec, address);
        iovecs.set(ValueLayout.JAVA_LONG, iovec + 8, length);
    }

    /**
     * Gives every message its own address slot and control area (receiving: the kernel writes each sender and its
     * coalescing note there).
     */
    void nameEachMessage()
    {
        for (int i = 0; i < capacity; i++)
        {
            headers.set(ValueLayout.JAVA_LONG, (long)i * HEADER_LENGTH + NAME_OFFSET, names.address() +
                (long)i * SOCKADDR_LENGTH);
            headers.set(ValueLayout.JAVA_INT, (long)i * HEADER_LENGTH + NAME_LENGTH_OFFSET, SOCKADDR_LENGTH);
            headers.set(ValueLayout.JAVA_LONG, (long)i * HEADER_LENGTH + CONTROL_OFFSET, controls.address() +
                (long)i * CONTROL_AREA_LENGTH);
        }
    }

    /** Sends every message to one address (an unconnected sender); null for none (a connected one). */
    void nameAllMessages(final MemorySegment sockaddr)
    {
        for (int i = 0; i < capacity; i++)
        {
            headers.set(ValueLayout.JAVA_LONG, (long)i * HEADER_LENGTH + NAME_OFFSET, sockaddr == null ?
                0L : sockaddr.address());
            headers.set(ValueLayout.JAVA_INT, (long)i * HEADER_LENGTH + NAME_LENGTH_OFFSET, sockaddr == null ?
                0 : SOCKADDR_LENGTH);
        }
    }

    /**
     * Gives message {@code i} a {@code UDP_SEGMENT} control message, or none.
     *
     * @param i             the message.
     * @param segmentLength the length of each datagram the kernel cuts the message into; 0 for one datagram.
     */
    void setSegmentLength(final int i, final int segmentLength)
    {
        final long header = (long)i * HEADER_LENGTH;
        if (segmentLength == 0)
        {
            headers.set(ValueLayout.JAVA_LONG, header + CONTROL_LENGTH_OFFSET, 0L);
            return;
        }
        final long control = (long)i * CONTROL_AREA_LENGTH;
        controls.set(ValueLayout.JAVA_LONG, control, CMSG_DATA_OFFSET + 2);
        controls.set(ValueLayout.JAVA_INT, control + 8, SOL_UDP);
        controls.set(ValueLayout.JAVA_INT, control + 12, UDP_SEGMENT);
        controls.set(ValueLayout.JAVA_SHORT, control + CMSG_DATA_OFFSET, (short)segmentLength);
        headers.set(ValueLayout.JAVA_LONG, header + CONTROL_OFFSET, controls.address() + control);
        headers.set(ValueLayout.JAVA_LONG, header + CONTROL_LENGTH_OFFSET, 24L); // CMSG_SPACE(sizeof(uint16_t))
    }

    /**
     * Before {@code recvmmsg}: the kernel overwrites each name length, control length and flags with what
     * it received (the pointers stay).
     */
    void resetForReceive(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long header = (long)i * HEADER_LENGTH;
            headers.set(ValueLayout.JAVA_INT, header + NAME_LENGTH_OFFSET, SOCKADDR_LENGTH);
            headers.set(ValueLayout.JAVA_LONG, header + CONTROL_LENGTH_OFFSET, CONTROL_AREA_LENGTH);
            headers.set(ValueLayout.JAVA_INT, header + FLAGS_OFFSET, 0);
        }
    }

    /**
     * {@return the segment length of received message {@code i} from its {@code UDP_GRO} control message, or 0 if it
     * is one datagram}
     *
     * @param i the message.
     */
    int receivedSegmentLength(final int i)
    {
        final long used = headers.get(ValueLayout.JAVA_LONG, (long)i * HEADER_LENGTH + CONTROL_LENGTH_OFFSET);
        final long control = (long)i * CONTROL_AREA_LENGTH;
        if (used < CMSG_DATA_OFFSET + 4 || used > CONTROL_AREA_LENGTH ||
            controls.get(ValueLayout.JAVA_INT, control + 8) != SOL_UDP || controls.get(ValueLayout.JAVA_INT, control +
            12) != UDP_GRO)
        {
            return 0;
        }
        return controls.get(ValueLayout.JAVA_INT, control + CMSG_DATA_OFFSET);
    }

    int messageLength(final int i)
    {
        return headers.get(ValueLayout.JAVA_INT, (long)i * HEADER_LENGTH + MESSAGE_LENGTH_OFFSET);
    }

    int flags(final int i)
    {
        return headers.get(ValueLayout.JAVA_INT, (long)i * HEADER_LENGTH + FLAGS_OFFSET);
    }

    /** Message {@code i}'s sender: family, address and port of an IPv4 name; see {@link #encode}. */
    long nameKey(final int i)
    {
        return nameKey(names, (long)i * SOCKADDR_LENGTH);
    }

    /**
     * An IPv4 socket address as one number: the address's 32 bits above the port's 16; -1 for another family.
     *
     * @param memory where the {@code sockaddr} is.
     * @param offset its offset.
     * @return the key.
     */
    static long nameKey(final MemorySegment memory, final long offset)
    {
        if (memory.get(ValueLayout.JAVA_SHORT, offset) != AF_INET)
        {
            return -1;
        }
        return (memory.get(INT_BIG_ENDIAN, offset + 4) & 0xFFFF_FFFFL) << 16 | memory.get(SHORT_BIG_ENDIAN, offset +
            2) & 0xFFFF;
    }

    /**
     * Writes an IPv4 socket address.
     *
     * @param sockaddr 16 bytes.
     * @param address  the four address bytes as a big-endian int.
     * @param port     the port.
     */
    static void encode(final MemorySegment sockaddr, final int address, final int port)
    {
        sockaddr.fill((byte)0);
        sockaddr.set(ValueLayout.JAVA_SHORT, 0, (short)AF_INET);
        sockaddr.set(SHORT_BIG_ENDIAN, 2, (short)port);
        sockaddr.set(INT_BIG_ENDIAN, 4, address);
    }
}
