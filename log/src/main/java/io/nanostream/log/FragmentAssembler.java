package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;

/**
 * Joins the BEGIN ... END fragments of messages larger than one frame, per publisher session, and
 * hands whole messages to its delegate; unfragmented messages pass straight through without copying.
 * The reassembly buffers grow to the largest message seen and are then reused.
 *
 * <p>Threads: an assembler holds partial messages, so it belongs to one subscription polled by one thread;
 * sharing one between subscriptions or threads mixes their fragments.
 */
public final class FragmentAssembler implements FragmentHandler
{
    private final FragmentHandler delegate;
    private int[] sessions = new int[4];
    private Assembly[] assemblies = new Assembly[4];
    private int count;

    /**
     * Creates an assembler.
     *
     * @param delegate receives whole messages.
     */
    public FragmentAssembler(final FragmentHandler delegate)
    {
        if (delegate == null)
        {
            throw new NullPointerException("delegate is null");
        }
        this.delegate = delegate;
    }

    @Override
    public void onFragment(final AtomicBuffer buffer, final int offset, final int length, final Header header)
    {
        final byte flags = header.flags();
        if ((flags & FrameHeader.UNFRAGMENTED) == FrameHeader.UNFRAGMENTED)
        {
            delegate.onFragment(buffer, offset, length, header);
            return;
        }
        final Assembly assembly = assemblyFor(header.sessionId());
        if ((flags & FrameHeader.BEGIN_FLAG) != 0)
        {
            assembly.reset();
            assembly.append(buffer, offset, length);
        }
        else if (assembly.length > 0)
        {
            assembly.append(buffer, offset, length);
            if ((flags & FrameHeader.END_FLAG) != 0)
            {
                final int messageLength = assembly.length;
                assembly.length = 0;
                delegate.onFragment(assembly.buffer, 0, messageLength, header);
            }
        }
    }

    private Assembly assemblyFor(final int sessionId)
    {
        for (int i = 0; i < count; i++)
        {
            if (sessions[i] == sessionId)
            {
                return assemblies[i];
            }
        }
        if (count == sessions.length)
        {
            sessions = java.util.Arrays.copyOf(sessions, count * 2);
            assemblies = java.util.Arrays.copyOf(assemblies, count * 2);
        }
        sessions[count] = sessionId;
        assemblies[count] = new Assembly();
        return assemblies[count++];
    }

    /** One session's message in progress. */
    private static final class Assembly
    {
        AtomicBuffer buffer = AtomicBuffer.allocateHeap(4096);
        int length;

        void reset()
        {
            length = 0;
        }

        void append(final AtomicBuffer source, final int offset, final int bytes)
        {
            if (length + bytes > buffer.capacity())
            {
                final long capacity = Math.max(buffer.capacity() * 2, (length + bytes + 7L) & ~7L);
                final AtomicBuffer grown = AtomicBuffer.allocateHeap((int)Math.min(capacity, Integer.MAX_VALUE - 8));
                grown.putBytes(0, buffer, 0, length);
                buffer = grown;
            }
            buffer.putBytes(length, source, offset, bytes);
            length += bytes;
        }
    }
}
