package io.nanostream.log;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;

class TermAppenderTest
{
    private static final int TERM_LENGTH = 64 * 1024;
    private static final int MTU = 1408;
    private static final int SESSION = 42;
    private static final int STREAM = 7;
    private static final int INITIAL_TERM_ID = 1000;

    private final LogBuffers log = LogBuffers.inMemory(AtomicBuffer.allocateHeap(3 * TERM_LENGTH + 4096), TERM_LENGTH,
        MTU, INITIAL_TERM_ID, SESSION, STREAM);
    private final TermAppender appender = new TermAppender(log.term(0), log.metadata(), 0);
    private final Header header = new Header(INITIAL_TERM_ID, LogLayout.positionBitsToShift(TERM_LENGTH));

    private static AtomicBuffer message(final int length, final int seed)
    {
        final AtomicBuffer buffer = AtomicBuffer.allocateHeap((length + 7) & ~7);
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(i, (byte)(seed + i * 31));
        }
        return buffer;
    }

    private static byte[] bytes(final AtomicBuffer buffer, final int offset, final int length)
    {
        final byte[] out = new byte[length];
        buffer.getBytes(offset, out, 0, length);
        return out;
    }

    @Test
    void anUnfragmentedMessageIsOneCompleteFrameWithTheFullHeader()
    {
        final int resulting = appender.appendUnfragmented(SESSION, STREAM, message(100, 1), 0, 100,
            (term, offset, length) -> 0xABCDL);
        assertThat(resulting).isEqualTo(FrameHeader.align(132));
        final AtomicBuffer term = log.term(0);
        assertThat(FrameHeader.frameLengthAcquire(term, 0)).isEqualTo(132);
        assertThat(term.getByte(FrameHeader.FLAGS_OFFSET)).isEqualTo(FrameHeader.UNFRAGMENTED);
        assertThat(FrameHeader.type(term, 0)).isEqualTo(FrameType.DATA);
        assertThat(term.getInt(FrameHeader.TERM_OFFSET_OFFSET)).isEqualTo(0);
        assertThat(term.getInt(FrameHeader.SESSION_ID_OFFSET)).isEqualTo(SESSION);
        assertThat(term.getInt(FrameHeader.STREAM_ID_OFFSET)).isEqualTo(STREAM);
        assertThat(term.getInt(FrameHeader.TERM_ID_OFFSET)).isEqualTo(INITIAL_TERM_ID);
        assertThat(term.getLong(FrameHeader.RESERVED_VALUE_OFFSET)).isEqualTo(0xABCDL);

        final List<byte[]> read = new ArrayList<>();
        final long outcome = TermReader.read(term, 0, (buffer, offset, length, h) ->
        {
            read.add(bytes(buffer, offset, length));
            assertThat(h.position()).isEqualTo(160);
            assertThat(h.sessionId()).isEqualTo(SESSION);
        }, 10, header);
        assertThat(TermReader.fragments(outcome)).isEqualTo(1);
        assertThat(TermReader.offset(outcome)).isEqualTo(160);
        assertThat(read.get(0)).isEqualTo(bytes(message(100, 1), 0, 100));
    }

    @Test
    void aLargeMessageIsFragmentedAtTheMtuAndReassembled()
    {
        final int length = 5 * (MTU - 32) + 17;
        appender.appendFragmented(SESSION, STREAM, message(length, 3), 0, length, MTU - 32, null);
        final List<Byte> flags = new ArrayList<>();
        final List<byte[]> messages = new ArrayList<>();
        final FragmentAssembler assembler = new FragmentAssembler((buffer, offset, len, h) -> messages.add(bytes(buffer,
            offset, len)));
        TermReader.read(log.term(0), 0, (buffer, offset, len, h) ->
        {
            flags.add(h.flags());
            assembler.onFragment(buffer, offset, len, h);
        }, 100, header);
        assertThat(flags).containsExactly(FrameHeader.BEGIN_FLAG, (byte)0, (byte)0, (byte)0, (byte)0,
            FrameHeader.END_FLAG);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)).isEqualTo(bytes(message(length, 3), 0, length));
    }

    @Test
    void aMessageThatDoesNotFitPadsTheTermAndAsksForRotation()
    {
        final int length = MTU - 32;
        int offset = 0;
        int appended = 0;
        while (true)
        {
            final int result = appender.appendUnfragmented(SESSION, STREAM, message(length, appended), 0, length, null);
            if (result == TermAppender.TERM_FULL)
            {
                break;
            }
            offset = result;
            appended++;
        }
        assertThat(appended).isEqualTo(TERM_LENGTH / MTU);
        final AtomicBuffer term = log.term(0);
        assertThat(FrameHeader.isPadding(term, offset)).isTrue();
        assertThat(FrameHeader.frameLengthAcquire(term, offset)).isEqualTo(TERM_LENGTH - offset);
        final int[] fragments = {0};
        final long outcome = TermReader.read(term, 0, (buffer, o, l, h) -> fragments[0]++, Integer.MAX_VALUE, header);
        assertThat(fragments[0]).as("padding is skipped").isEqualTo(appended);
        assertThat(TermReader.offset(outcome)).isEqualTo(TERM_LENGTH);
        assertThat(appender.appendUnfragmented(SESSION, STREAM, message(8, 0), 0, 8,
            null)).isEqualTo(TermAppender.TERM_FULL);
    }

    @Test
    void claimsAreCommittedOrAbortedIntoPadding()
    {
        final BufferClaim claim = new BufferClaim();
        appender.claim(SESSION, STREAM, 16, claim);
        claim.buffer().putLong(claim.offset(), 111);
        claim.reservedValue(5).commit();
        appender.claim(SESSION, STREAM, 16, claim);
        claim.buffer().putLong(claim.offset(), 222);
        claim.abort();
        appender.claim(SESSION, STREAM, 8, claim);
        assertThat(claim.length()).isEqualTo(8);
        claim.buffer().putLong(claim.offset(), 333);
        final List<Long> values = new ArrayList<>();
        TermReader.read(log.term(0), 0, (buffer, offset, length, h) -> values.add(buffer.getLong(offset)), 10, header);
        assertThat(values).as("the uncommitted third claim is not visible yet").containsExactly(111L);
        claim.commit();
        values.clear();
        TermReader.read(log.term(0), 0, (buffer, offset, length, h) -> values.add(buffer.getLong(offset)), 10, header);
        assertThat(values).containsExactly(111L, 333L);
    }

    @Test
    void concurrentAppendersNeverOverlapAndEveryMessageSurvivesIntact() throws Exception
    {
        final int writers = 4;
        final CyclicBarrier start = new CyclicBarrier(writers);
        final List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++)
        {
            final int writer = w;
            threads.add(Thread.ofPlatform().start(() ->
            {
                final AtomicBuffer source = AtomicBuffer.allocateHeap(64);
                try
                {
                    start.await();
                }
                catch (final Exception ex)
                {
                    throw new IllegalStateException(ex);
                }
                for (int i = 0; ; i++)
                {
                    final int length = 8 + (i % 5) * 8;
                    for (int b = 0; b < length; b += 8)
                    {
                        source.putLong(b, ((long)writer << 48) | ((long)i << 8) | b);
                    }
                    if (appender.appendUnfragmented(SESSION, STREAM, source, 0, length, null) == TermAppender.TERM_FULL)
                    {
                        return;
                    }
                }
            }));
        }
        for (final Thread thread : threads)
        {
            thread.join();
        }
        final int[] next = new int[writers];
        final List<String> problems = new ArrayList<>();
        TermReader.read(log.term(0), 0, (buffer, offset, length, h) ->
        {
            final long first = buffer.getLong(offset);
            final int writer = (int)(first >>> 48);
            final int number = (int)((first >>> 8) & 0xFFFF_FFFFL);
            if (number != next[writer] || length != 8 + (number % 5) * 8)
            {
                problems.add("writer " + writer + " message " + number + " length " + length + " expected " +
                    next[writer]);
            }
            for (int b = 0; b < length; b += 8)
            {
                if (buffer.getLong(offset + b) != (((long)writer << 48) | ((long)number << 8) | b))
                {
                    problems.add("torn message at " + offset);
                }
            }
            next[writer] = number + 1;
        }, Integer.MAX_VALUE, header);
        assertThat(problems).isEmpty();
        assertThat(Arrays.stream(next).sum()).as("messages in a 64k term").isGreaterThan(800);
    }
}
