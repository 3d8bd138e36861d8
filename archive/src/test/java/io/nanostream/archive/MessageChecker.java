package io.nanostream.archive;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FragmentAssembler;
import io.nanostream.log.FragmentHandler;
import io.nanostream.log.Header;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks the numbered messages the archive tests publish ({@link RecordAndReplayTest#length}): each must be the next
 * number, of its length, with its pattern, byte for byte. Fragments are reassembled first. The first five problems are
 * kept to be asserted empty.
 */
final class MessageChecker
{
    private final List<String> problems = new ArrayList<>();
    private final FragmentAssembler assembler = new FragmentAssembler(this::onMessage);
    private long next;

    MessageChecker(final long first)
    {
        this.next = first;
    }

    /** {@return the handler to poll with} */
    FragmentHandler handler()
    {
        return assembler;
    }

    /** {@return the number of the next message due} */
    long next()
    {
        return next;
    }

    /** {@return the first problems found} */
    List<String> problems()
    {
        return problems;
    }

    private void onMessage(final AtomicBuffer buffer, final int offset, final int length, final Header header)
    {
        final long i = buffer.getLong(offset);
        boolean intact = i == next && length == RecordAndReplayTest.length(i);
        for (int b = 8; intact && b < length; b++)
        {
            intact = buffer.getByte(offset + b) == (byte)(i + b);
        }
        if (!intact && problems.size() < 5)
        {
            problems.add("message " + i + " of " + length + " bytes where " + next + " was due");
        }
        next++;
    }
}
