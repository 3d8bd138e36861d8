package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each frame's diagram adds up (fields tile the frame from the common header to its
 * length), and the codecs write there.
 */
class WireFrameDescriptorTest
{
    private final AtomicBuffer buffer = AtomicBuffer.allocateHeap(2048);

    @Test
    void theCommonHeaderIsTheFirstWordOfTheDataHeader()
    {
        assertThat(new int[] {WireFrame.FRAME_LENGTH_OFFSET, WireFrame.VERSION_OFFSET, WireFrame.FLAGS_OFFSET,
            WireFrame.TYPE_OFFSET})
            .containsExactly(FrameHeader.FRAME_LENGTH_OFFSET, FrameHeader.VERSION_OFFSET, FrameHeader.FLAGS_OFFSET,
            FrameHeader.TYPE_OFFSET);
        assertThat(WireFrame.HEADER_LENGTH).isEqualTo(WireFrame.TYPE_OFFSET + Short.BYTES).isEqualTo(8);
        assertThat(WireFrame.DATA_HEADER_LENGTH).isEqualTo(FrameHeader.LENGTH);
        WireFrame.putHeader(buffer, 64, 36, 0x80, FrameType.SM);
        final long firstWord = buffer.getLong(64);
        assertThat(FrameHeader.frameLength(firstWord)).isEqualTo(36);
        assertThat(FrameHeader.type(firstWord)).isEqualTo(FrameType.SM);
        assertThat(WireFrame.flags(buffer, 64)).isEqualTo(0x80);
    }

    @Test
    void statusMessageFieldsTileTheFrameAndTheGroupTagFollows()
    {
        tiles(StatusMessage.LENGTH, new int[][] {
            {StatusMessage.SESSION_ID_OFFSET, Integer.BYTES},
            {StatusMessage.STREAM_ID_OFFSET, Integer.BYTES},
            {StatusMessage.TERM_ID_OFFSET, Integer.BYTES},
            {StatusMessage.TERM_OFFSET_OFFSET, Integer.BYTES},
            {StatusMessage.WINDOW_OFFSET, Integer.BYTES},
            {StatusMessage.RECEIVER_ID_OFFSET, Long.BYTES}});
        assertThat(StatusMessage.GROUP_TAG_OFFSET).isEqualTo(StatusMessage.LENGTH);
        assertThat(StatusMessage.LENGTH_WITH_GROUP_TAG).isEqualTo(StatusMessage.GROUP_TAG_OFFSET + Long.BYTES);

        StatusMessage.put(buffer, StatusMessage.EOS_FLAG, 1, 2, 3, 4, 5, 6L);
        assertThat(new long[] {buffer.getInt(StatusMessage.SESSION_ID_OFFSET),
            buffer.getInt(StatusMessage.STREAM_ID_OFFSET), buffer.getInt(StatusMessage.TERM_ID_OFFSET),
            buffer.getInt(StatusMessage.TERM_OFFSET_OFFSET), buffer.getInt(StatusMessage.WINDOW_OFFSET),
            buffer.getLong(StatusMessage.RECEIVER_ID_OFFSET)})
            .containsExactly(1, 2, 3, 4, 5, 6);
        buffer.putInt(WireFrame.FRAME_LENGTH_OFFSET, StatusMessage.LENGTH_WITH_GROUP_TAG);
        buffer.putLong(StatusMessage.GROUP_TAG_OFFSET, 99L);
        assertThat(WireFrame.check(buffer,
            StatusMessage.LENGTH_WITH_GROUP_TAG)).as("a tagged SM is accepted").isEqualTo(FrameType.SM);
    }

    @Test
    void nakFieldsTileTheFrame()
    {
        tiles(Nak.LENGTH, new int[][] {
            {Nak.SESSION_ID_OFFSET, Integer.BYTES},
            {Nak.STREAM_ID_OFFSET, Integer.BYTES},
            {Nak.TERM_ID_OFFSET, Integer.BYTES},
            {Nak.TERM_OFFSET_OFFSET, Integer.BYTES},
            {Nak.LENGTH_OFFSET, Integer.BYTES}});
        Nak.put(buffer, 1, 2, 3, 64, 1408);
        assertThat(new int[] {buffer.getInt(Nak.SESSION_ID_OFFSET), buffer.getInt(Nak.STREAM_ID_OFFSET),
            buffer.getInt(Nak.TERM_ID_OFFSET), buffer.getInt(Nak.TERM_OFFSET_OFFSET),
            buffer.getInt(Nak.LENGTH_OFFSET)}).containsExactly(1, 2, 3, 64, 1408);
        assertThat(WireFrame.type(buffer, 0)).isEqualTo(FrameType.NAK);
    }

    @Test
    void setupFieldsTileTheFrame()
    {
        tiles(Setup.LENGTH, new int[][] {
            {Setup.TERM_OFFSET_OFFSET, Integer.BYTES},
            {Setup.SESSION_ID_OFFSET, Integer.BYTES},
            {Setup.STREAM_ID_OFFSET, Integer.BYTES},
            {Setup.INITIAL_TERM_ID_OFFSET, Integer.BYTES},
            {Setup.ACTIVE_TERM_ID_OFFSET, Integer.BYTES},
            {Setup.TERM_LENGTH_OFFSET, Integer.BYTES},
            {Setup.MTU_OFFSET, Integer.BYTES},
            {Setup.TTL_OFFSET, Integer.BYTES}});
        Setup.put(buffer, 256, 1, 2, 100, 103, 65536, 1408, 8);
        assertThat(new int[] {buffer.getInt(Setup.TERM_OFFSET_OFFSET), buffer.getInt(Setup.SESSION_ID_OFFSET),
            buffer.getInt(Setup.STREAM_ID_OFFSET), buffer.getInt(Setup.INITIAL_TERM_ID_OFFSET),
            buffer.getInt(Setup.ACTIVE_TERM_ID_OFFSET), buffer.getInt(Setup.TERM_LENGTH_OFFSET),
            buffer.getInt(Setup.MTU_OFFSET), buffer.getInt(Setup.TTL_OFFSET)})
            .containsExactly(256, 1, 2, 100, 103, 65536, 1408, 8);
        Setup.put(buffer, 256, 1, 2, 100, 103, 65536, FrameHeader.MAX_MTU + 32, 8);
        assertThat(Setup.problem(buffer)).as("above the largest MTU").contains("MTU");
    }

    @Test
    void rttMeasurementFieldsTileTheFrame()
    {
        tiles(RttMeasurement.LENGTH, new int[][] {
            {RttMeasurement.SESSION_ID_OFFSET, Integer.BYTES},
            {RttMeasurement.STREAM_ID_OFFSET, Integer.BYTES},
            {RttMeasurement.ECHO_TIMESTAMP_OFFSET, Long.BYTES},
            {RttMeasurement.RECEPTION_DELTA_OFFSET, Long.BYTES},
            {RttMeasurement.RECEIVER_ID_OFFSET, Long.BYTES}});
        RttMeasurement.put(buffer, 0, 1, 2, 3L, 4L, 5L);
        assertThat(new long[] {buffer.getInt(RttMeasurement.SESSION_ID_OFFSET),
            buffer.getInt(RttMeasurement.STREAM_ID_OFFSET), buffer.getLong(RttMeasurement.ECHO_TIMESTAMP_OFFSET),
            buffer.getLong(RttMeasurement.RECEPTION_DELTA_OFFSET),
            buffer.getLong(RttMeasurement.RECEIVER_ID_OFFSET)}).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void errorFrameFieldsTileTheHeaderAndTheTextFollows()
    {
        tiles(ErrorFrame.HEADER_LENGTH, new int[][] {
            {ErrorFrame.SESSION_ID_OFFSET, Integer.BYTES},
            {ErrorFrame.STREAM_ID_OFFSET, Integer.BYTES},
            {ErrorFrame.RECEIVER_ID_OFFSET, Long.BYTES},
            {ErrorFrame.GROUP_TAG_OFFSET, Long.BYTES},
            {ErrorFrame.ERROR_CODE_OFFSET, Integer.BYTES},
            {ErrorFrame.TEXT_LENGTH_OFFSET, Integer.BYTES}});
        assertThat(ErrorFrame.TEXT_OFFSET).isEqualTo(ErrorFrame.HEADER_LENGTH);
        final int length = ErrorFrame.put(buffer, 1, 2, 3L, 4, "x".repeat(ErrorFrame.MAX_TEXT_LENGTH + 10));
        assertThat(length).isEqualTo(ErrorFrame.HEADER_LENGTH + ErrorFrame.MAX_TEXT_LENGTH);
        assertThat(buffer.getInt(WireFrame.FRAME_LENGTH_OFFSET)).isEqualTo(length);
        assertThat(new long[] {buffer.getInt(ErrorFrame.SESSION_ID_OFFSET), buffer.getInt(ErrorFrame.STREAM_ID_OFFSET),
            buffer.getLong(ErrorFrame.RECEIVER_ID_OFFSET), buffer.getLong(ErrorFrame.GROUP_TAG_OFFSET),
            buffer.getInt(ErrorFrame.ERROR_CODE_OFFSET),
            buffer.getInt(ErrorFrame.TEXT_LENGTH_OFFSET)}).containsExactly(1, 2, 3, 0, 4, ErrorFrame.MAX_TEXT_LENGTH);
    }

    /**
     * The fields, in order, start where the common header ends, follow one another without gaps, and end at the length.
     */
    private static void tiles(final int frameLength, final int[][] fields)
    {
        int end = WireFrame.HEADER_LENGTH;
        for (final int[] field : fields)
        {
            assertThat(field[0]).as("field at %d starts where the one before ends", field[0]).isEqualTo(end);
            end = field[0] + field[1];
        }
        assertThat(end).as("the last field ends at the frame length").isEqualTo(frameLength);
    }
}
