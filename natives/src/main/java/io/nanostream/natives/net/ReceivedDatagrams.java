package io.nanostream.natives.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * What the last {@link NativeUdpSocket#receive} brought ({@link NativeUdpSocket#received()}): the {@code i}-th
 * message's bytes in slot {@code i}, its length, its sender, and, for a message the kernel coalesced from several
 * datagrams ({@code UDP_GRO}), their length. Valid until the next receive; used by the socket's receiving thread.
 */
public final class ReceivedDatagrams
{
    private static final int MSG_TRUNC = 0x20;
    private static final int SOURCE_CACHE = 8;

    private final MessageVector messages;
    private final MemorySegment slots;
    private final int slotLength;
    private final long[] sourceKeys = new long[SOURCE_CACHE];
    private final InetSocketAddress[] sources = new InetSocketAddress[SOURCE_CACHE];
    private int nextSource;

    ReceivedDatagrams(final Arena arena, final int capacity, final int slotLength)
    {
        this.messages = new MessageVector(arena, capacity);
        this.slotLength = slotLength;
        this.slots = arena.allocate((long)capacity * slotLength, 64);
        messages.nameEachMessage();
        for (int i = 0; i < capacity; i++)
        {
            messages.setBuffer(i, slots.address() + (long)i * slotLength, slotLength);
        }
        Arrays.fill(sourceKeys, -1);
    }

    /** {@return how many messages one receive may bring} */
    public int capacity()
    {
        return messages.capacity;
    }

    /**
     * Slot {@code i}, where the {@code i}-th message of a receive lands.
     *
     * @param i 0 to {@link #capacity()} - 1.
     * @return the slot's memory.
     */
    public MemorySegment slot(final int i)
    {
        return slots.asSlice((long)i * slotLength, slotLength);
    }

    /**
     * {@return the length of the {@code i}-th message, or -1 if it was longer than its slot and cut}
     *
     * @param i its index.
     */
    public int length(final int i)
    {
        return (messages.flags(i) & MSG_TRUNC) != 0 ? -1 : messages.messageLength(i);
    }

    /**
     * {@return the length of each datagram in the {@code i}-th message if the kernel coalesced several (the last may be
     * shorter), or 0 if the message is one datagram}
     *
     * @param i its index.
     */
    public int segmentLength(final int i)
    {
        return messages.receivedSegmentLength(i);
    }

    /**
     * {@return the sender of the {@code i}-th message, null if not IPv4; the same object for a recent sender}
     *
     * @param i its index.
     */
    public InetSocketAddress source(final int i)
    {
        final long key = messages.nameKey(i);
        for (int j = 0; j < SOURCE_CACHE; j++)
        {
            if (sourceKeys[j] == key)
            {
                return sources[j];
            }
        }
        final InetSocketAddress source = SocketHandle.decode(key);
        sourceKeys[nextSource] = key;
        sources[nextSource] = source;
        nextSource = (nextSource + 1) % SOURCE_CACHE;
        return source;
    }

    /** Before {@code recvmmsg}: resets the first {@code count} headers and returns where they are. */
    long prepare(final int count)
    {
        messages.resetForReceive(count);
        return messages.headers.address();
    }
}
