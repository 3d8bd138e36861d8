package io.nanostream.driver.udp;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.natives.net.NativeUdpSocket;

import java.nio.ByteBuffer;

/**
 * The messages a {@link PublicationSocket} has staged for its next send: each message is one datagram, or, when the
 * socket segments, a run of equal datagrams back to back in one term that the kernel cuts apart ({@code UDP_SEGMENT});
 * the last datagram of a run may be shorter, and ends it. Used on the sender thread.
 */
final class StagedMessages
{
    private final AtomicBuffer[] terms;
    private final ByteBuffer[] termBytes;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] segmentLengths;
    private final int[] datagrams;
    private int count;
    private boolean segmenting;

    StagedMessages(final int capacity, final boolean segmenting)
    {
        this.terms = new AtomicBuffer[capacity];
        this.termBytes = new ByteBuffer[capacity];
        this.offsets = new int[capacity];
        this.lengths = new int[capacity];
        this.segmentLengths = new int[capacity];
        this.datagrams = new int[capacity];
        this.segmenting = segmenting;
    }

    /** {@return the most messages} */
    int capacity()
    {
        return terms.length;
    }

    /** {@return whether runs of datagrams may form one message} */
    boolean isSegmenting()
    {
        return segmenting;
    }

    /** From now on, one datagram per message (the route's device cannot segment). */
    void stopSegmenting()
    {
        segmenting = false;
    }

    /** {@return whether another datagram may be staged: a message is free, or the last one may grow} */
    boolean hasRoom()
    {
        return count < terms.length || segmenting;
    }

    /** {@return whether every message is taken} */
    boolean isFull()
    {
        return count == terms.length;
    }

    /**
     * Whether a datagram may join the last message: segmenting, it follows that message's bytes in the same term, the
     * message has no shorter last datagram, this one is no longer than its datagrams, and the kernel's limits hold.
     *
     * @param term       the datagram's term.
     * @param termOffset where it starts.
     * @param length     its length.
     * @return true if {@link #append} may take it.
     */
    boolean canAppend(final AtomicBuffer term, final int termOffset, final int length)
    {
        final int last = count - 1;
        if (!segmenting || last < 0 || terms[last] != term || offsets[last] + lengths[last] != termOffset)
        {
            return false;
        }
        final int segment = segmentLengths[last];
        return lengths[last] == segment * datagrams[last] && length <= segment &&
            datagrams[last] < NativeUdpSocket.MAX_SEGMENTS && lengths[last] +
            length <= NativeUdpSocket.MAX_SEGMENTED_LENGTH;
    }

    /**
     * Appends a datagram to the last message ({@link #canAppend} said it may).
     *
     * @param length its length.
     * @return the message's index.
     */
    int append(final int length)
    {
        final int last = count - 1;
        lengths[last] += length;
        datagrams[last]++;
        return last;
    }

    /**
     * Stages a datagram as a message of its own ({@link #isFull} said there is room).
     *
     * @param term       its term.
     * @param bytes      the same memory as a byte buffer, for a JDK channel.
     * @param termOffset where it starts.
     * @param length     its length.
     * @return the message's index.
     */
    int add(final AtomicBuffer term, final ByteBuffer bytes, final int termOffset, final int length)
    {
        terms[count] = term;
        termBytes[count] = bytes;
        offsets[count] = termOffset;
        lengths[count] = length;
        segmentLengths[count] = length;
        datagrams[count] = 1;
        return count++;
    }

    /** {@return how many messages are staged, and forgets them} */
    int clear()
    {
        final int staged = count;
        count = 0;
        return staged;
    }

    AtomicBuffer term(final int i)
    {
        return terms[i];
    }

    ByteBuffer termBytes(final int i)
    {
        return termBytes[i];
    }

    int offset(final int i)
    {
        return offsets[i];
    }

    int length(final int i)
    {
        return lengths[i];
    }

    /** {@return the length of message {@code i}'s datagrams if it holds several, else 0} */
    int segmentLength(final int i)
    {
        return datagrams[i] > 1 ? segmentLengths[i] : 0;
    }

    /** {@return how many of the first {@code sent} messages hold several datagrams} */
    int segmented(final int sent)
    {
        int segmented = 0;
        for (int i = 0; i < sent; i++)
        {
            segmented += datagrams[i] > 1 ? 1 : 0;
        }
        return segmented;
    }
}
