package io.nanostream.archive.service;

import io.nanostream.archive.RecordingDescriptor;
import io.nanostream.log.FrameChecksums;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads every frame of a recording from its start to its stop (or as far as it has got) and says what is wrong, one
 * problem per line: a segment file missing or short, a frame whose length, term offset, term id or stream is not the
 * recording's, a frame across a term's end, and, for a recording with frame checksums, a payload that does not
 * match its CRC32C. After a problem that loses the frame boundaries it goes on at the next term. A recording being made
 * is read up to the block being written. Any thread; reads only.
 */
public final class RecordingVerifier
{
    private static final int MAX_PROBLEMS = 100;

    private final Path directory;
    private final RecordingDescriptor recording;
    private final long end;
    private final List<String> problems = new ArrayList<>();
    private final FrameChecksums checksums = new FrameChecksums();
    private final ByteBuffer term;
    private long framesChecked;
    private boolean reachedLiveEnd;

    private RecordingVerifier(final Path directory, final RecordingDescriptor recording, final long end)
    {
        this.directory = directory;
        this.recording = recording;
        this.end = end;
        this.term = ByteBuffer.allocateDirect(recording.termLength()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Verifies a recording.
     *
     * @param directory the archive directory.
     * @param recording the recording.
     * @param end       where to stop: its stop position, or how far it has got if it is being made.
     * @param frames    receives how many frames were read whole (may be null).
     * @return the problems found, one line each, at most 100; empty if it is sound.
     */
    public static List<String> verify(final Path directory, final RecordingDescriptor recording, final long end,
        final Consumer<Long> frames)
    {
        final RecordingVerifier verifier = new RecordingVerifier(directory, recording, end);
        verifier.run();
        if (frames != null)
        {
            frames.accept(verifier.framesChecked);
        }
        return verifier.problems;
    }

    private void run()
    {
        final int termLength = recording.termLength();
        long termStart = recording.startPosition() - (recording.startPosition() & (termLength - 1));
        for (; termStart < end && problems.size() < MAX_PROBLEMS && !reachedLiveEnd; termStart += termLength)
        {
            final long from = Math.max(termStart, recording.startPosition());
            final long to = Math.min(termStart + termLength, end);
            if (read(from, to))
            {
                checkTerm(from, to);
            }
        }
    }

    /** Reads a stretch of one term into the term buffer, at its term offsets; false (with the problem) if it cannot. */
    private boolean read(final long from, final long to)
    {
        final long base = Segments.segmentBase(recording, from);
        final Path file = Segments.file(directory, recording.recordingId(), base);
        if (!Files.exists(file))
        {
            problem(from, "segment file " + file.getFileName() + " is missing");
            return false;
        }
        final int termOffset = (int)(from & (recording.termLength() - 1));
        term.clear().position(termOffset).limit(termOffset + (int)(to - from));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            long at = from - base;
            while (term.hasRemaining())
            {
                final int read = channel.read(term, at);
                if (read < 0)
                {
                    problem(from + term.position() - termOffset, "segment file " + file.getFileName() + " ends here, " +
                        "short of the recording's " + (recording.isActive() ? "position " : "stop ") + end);
                    return false;
                }
                at += read;
            }
            return true;
        }
        catch (final IOException ex)
        {
            problem(from, "segment file " + file.getFileName() + " cannot be read: " + ex.getMessage());
            return false;
        }
    }

    private void checkTerm(final long from, final long to)
    {
        final int termLength = recording.termLength();
        final int termId = recording.initialTermId() + (int)(from >>> Long.numberOfTrailingZeros(termLength));
        final int start = (int)(from & (termLength - 1));
        final int limit = start + (int)(to - from);
        for (int offset = start; offset < limit; )
        {
            final long position = from + offset - start;
            final int frameLength = term.getInt(offset);
            if (frameLength == 0 && recording.isActive())
            {
                reachedLiveEnd = true; // a block being written has its first length last: the recording has got this far
                return;
            }
            final String fault;
            if (frameLength < FrameHeader.LENGTH || offset + FrameHeader.align(frameLength) > limit)
            {
                fault = frameLength < FrameHeader.LENGTH || offset + FrameHeader.align(frameLength) > termLength ?
                    "a frame length of " + frameLength + (frameLength >= FrameHeader.LENGTH ?
                    ", across the term's end" : "") : "a frame of " + frameLength +
                    " bytes runs past the recording's end at " + to;
            }
            else if (term.getInt(offset + FrameHeader.TERM_OFFSET_OFFSET) != offset)
            {
                fault = "a frame that says term offset " + term.getInt(offset + FrameHeader.TERM_OFFSET_OFFSET) +
                    " at " + offset;
            }
            else if (term.getInt(offset + FrameHeader.TERM_ID_OFFSET) != termId)
            {
                fault = "a frame of term " + term.getInt(offset + FrameHeader.TERM_ID_OFFSET) + " in term " + termId;
            }
            else if (term.getInt(offset + FrameHeader.STREAM_ID_OFFSET) != recording.streamId())
            {
                fault = "a frame of stream " + term.getInt(offset + FrameHeader.STREAM_ID_OFFSET) +
                    " in a recording of stream " +
                    recording.streamId(); // not the session: a recording continued after a restart has its publisher's
            }
            else if (recording.frameChecksums() &&
                (term.getShort(offset + FrameHeader.TYPE_OFFSET) & 0xFFFF) == FrameType.DATA &&
                checksums.firstMismatch(term.slice(offset, frameLength).order(ByteOrder.LITTLE_ENDIAN),
                frameLength) == 0)
            {
                fault = "a frame of " + frameLength + " bytes whose payload does not match its CRC32C";
            }
            else
            {
                framesChecked++;
                offset += FrameHeader.align(frameLength);
                continue;
            }
            problem(position, fault + (fault.contains("CRC32C") ? "" : "; the rest of the term is not checked"));
            if (!fault.contains("CRC32C"))
            {
                return;
            }
            offset += FrameHeader.align(frameLength);
        }
    }

    private void problem(final long position, final String what)
    {
        if (problems.size() < MAX_PROBLEMS)
        {
            problems.add("recording " + recording.recordingId() + " at position " + position + ": " + what);
        }
    }
}
