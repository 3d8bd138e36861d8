package io.nanostream.driver.wire;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import io.nanostream.log.FrameHeader;
import io.nanostream.log.FrameType;

/** Every frame codec writes Aeron's layout and the checker accepts it; malformed datagrams get the right reason. */
class WireFrameTest
{
    private final AtomicBuffer buffer = AtomicBuffer.allocateHeap(4096);

    @Test
    void statusMessageLayout()
    {
        StatusMessage.put(buffer, StatusMessage.SETUP_FLAG, 11, 22, 33, 4096, 131072, 0x1234_5678_9ABCL);
        assertThat(buffer.getInt(0)).isEqualTo(36);
        assertThat(buffer.getByte(4)).isZero();
        assertThat(buffer.getByte(5) & 0xFF).isEqualTo(0x80);
        assertThat(buffer.getShort(6)).isEqualTo((short)0x03);
        assertThat(buffer.getInt(8)).isEqualTo(11);
        assertThat(buffer.getInt(12)).isEqualTo(22);
        assertThat(buffer.getInt(16)).isEqualTo(33);
        assertThat(buffer.getInt(20)).isEqualTo(4096);
        assertThat(buffer.getInt(24)).isEqualTo(131072);
        assertThat(buffer.getLong(28)).isEqualTo(0x1234_5678_9ABCL);
        assertThat(WireFrame.check(buffer, 36)).isEqualTo(FrameType.SM);
        assertThat(WireFrame.check(buffer, 35)).isEqualTo(WireFrame.REJECT_LENGTH);
    }

    @Test
    void nakLayout()
    {
        Nak.put(buffer, 1, 2, 3, 64, 1408);
        assertThat(buffer.getInt(0)).isEqualTo(28);
        assertThat(buffer.getShort(6)).isEqualTo((short)0x02);
        assertThat(new int[] {buffer.getInt(8), buffer.getInt(12), buffer.getInt(16), buffer.getInt(20),
            buffer.getInt(24)})
            .containsExactly(1, 2, 3, 64, 1408);
        assertThat(WireFrame.check(buffer, 28)).isEqualTo(FrameType.NAK);
    }

    @Test
    void setupLayoutAndSanity()
    {
        Setup.put(buffer, 256, 1, 2, 100, 103, 65536, 1408, 8);
        assertThat(buffer.getInt(0)).isEqualTo(40);
        assertThat(buffer.getShort(6)).isEqualTo((short)0x05);
        assertThat(new int[] {buffer.getInt(8), buffer.getInt(12), buffer.getInt(16), buffer.getInt(20),
            buffer.getInt(24), buffer.getInt(28), buffer.getInt(32), buffer.getInt(36)}).containsExactly(256, 1, 2, 100,
            103, 65536, 1408, 8);
        assertThat(WireFrame.check(buffer, 40)).isEqualTo(FrameType.SETUP);
        assertThat(Setup.problem(buffer)).isNull();
        Setup.put(buffer, 256, 1, 2, 100, 103, 65535, 1408, 8);
        assertThat(Setup.problem(buffer)).contains("power of two");
        Setup.put(buffer, 256, 1, 2, 100, 103, 65536, 1000, 8);
        assertThat(Setup.problem(buffer)).contains("MTU");
        Setup.put(buffer, 17, 1, 2, 100, 103, 65536, 1408, 8);
        assertThat(Setup.problem(buffer)).contains("term offset");
    }

    @Test
    void rttMeasurementLayout()
    {
        RttMeasurement.put(buffer, RttMeasurement.REPLY_FLAG, 1, 2, 123_456_789L, 55L, 77L);
        assertThat(buffer.getInt(0)).isEqualTo(40);
        assertThat(buffer.getByte(5) & 0xFF).isEqualTo(0x80);
        assertThat(buffer.getShort(6)).isEqualTo((short)0x06);
        assertThat(buffer.getLong(16)).isEqualTo(123_456_789L);
        assertThat(buffer.getLong(24)).isEqualTo(55L);
        assertThat(buffer.getLong(32)).isEqualTo(77L);
        assertThat(WireFrame.check(buffer, 40)).isEqualTo(FrameType.RTTM);
    }

    @Test
    void errorFrameLayoutAndLyingTextLength()
    {
        final int length = ErrorFrame.put(buffer, 1, 2, 3L, 9, "image rejected");
        assertThat(length).isEqualTo(40 + 14);
        assertThat(buffer.getShort(6)).isEqualTo((short)0x04);
        assertThat(buffer.getInt(32)).isEqualTo(9);
        assertThat(ErrorFrame.text(buffer)).isEqualTo("image rejected");
        assertThat(WireFrame.check(buffer, length)).isEqualTo(FrameType.ERR);
        buffer.putInt(ErrorFrame.TEXT_LENGTH_OFFSET, 500);
        assertThat(WireFrame.check(buffer, length)).isEqualTo(WireFrame.REJECT_LENGTH);
    }

    @Test
    void dataFramesAndHeartbeats()
    {
        final int one = DatagramBuilder.data(buffer, 0, 5, 7, 100, 64, 10, (byte)1);
        assertThat(WireFrame.check(buffer, one)).isEqualTo(FrameType.DATA);
        final int two = DatagramBuilder.data(buffer, 64, 5, 7, 100, 128, 20, (byte)2);
        assertThat(WireFrame.check(buffer, 64 + two)).as("two frames in one datagram").isEqualTo(FrameType.DATA);
        buffer.putInt(64 + FrameHeader.SESSION_ID_OFFSET, 6);
        assertThat(WireFrame.check(buffer, 64 +
            two)).as("frames of two sessions in one datagram").isEqualTo(WireFrame.REJECT_LENGTH);
        WireFrame.putHeartbeat(buffer, 5, 7, 100, 96, true);
        assertThat(WireFrame.check(buffer, 32)).isEqualTo(FrameType.DATA);
        assertThat(WireFrame.isHeartbeat(buffer)).isTrue();
        assertThat(WireFrame.flags(buffer, 0) & (FrameHeader.EOS_FLAG & 0xFF)).isNotZero();
        assertThat(WireFrame.check(buffer, 64)).as("a heartbeat is 32 bytes").isEqualTo(WireFrame.REJECT_LENGTH);
    }

    @Test
    void malformedDatagramsAreNamed()
    {
        assertThat(WireFrame.check(buffer, 7)).isEqualTo(WireFrame.REJECT_TRUNCATED);
        StatusMessage.put(buffer, 0, 1, 2, 3, 4, 5, 6);
        buffer.putByte(WireFrame.VERSION_OFFSET, (byte)1);
        assertThat(WireFrame.check(buffer, 36)).isEqualTo(WireFrame.REJECT_VERSION);
        buffer.putByte(WireFrame.VERSION_OFFSET, (byte)0);
        buffer.putShort(WireFrame.TYPE_OFFSET, (short)0x7F);
        assertThat(WireFrame.check(buffer, 36)).isEqualTo(WireFrame.REJECT_UNKNOWN_TYPE);
        DatagramBuilder.data(buffer, 0, 5, 7, 100, 64, 10, (byte)1);
        buffer.putInt(0, 5000);
        assertThat(WireFrame.check(buffer,
            42)).as("frame length beyond the datagram").isEqualTo(WireFrame.REJECT_LENGTH);
        DatagramBuilder.data(buffer, 0, 5, 7, 100, 65, 10, (byte)1);
        assertThat(WireFrame.check(buffer, 42)).as("unaligned term offset").isEqualTo(WireFrame.REJECT_OFFSET);
        assertThat(WireFrame.rejectName(WireFrame.REJECT_OFFSET)).isEqualTo("bad term offset");
    }

    @Test
    void aPaddingFrameMustFitInTheRestOfATerm()
    {
        DatagramBuilder.data(buffer, 0, 5, 7, 100, 64, 0, (byte)0);
        buffer.putShort(WireFrame.TYPE_OFFSET, (short)FrameType.PAD);
        buffer.putInt(0, 4096);
        assertThat(WireFrame.check(buffer,
            32)).as("a padding header that covers part of a term").isEqualTo(FrameType.PAD);
        for (final int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 31, Integer.MAX_VALUE - 30,
            (1 << 30) + 32})
        {
            buffer.putInt(0, length);
            assertThat(WireFrame.check(buffer, 32)).as("padding of length %d",
                length).isEqualTo(WireFrame.REJECT_LENGTH);
        }
        buffer.putInt(FrameHeader.TERM_OFFSET_OFFSET, (1 << 30) - 32);
        buffer.putInt(0, 64);
        assertThat(WireFrame.check(buffer,
            32)).as("padding past the end of the longest term").isEqualTo(WireFrame.REJECT_LENGTH);
        buffer.putInt(FrameHeader.TERM_OFFSET_OFFSET, Integer.MAX_VALUE & -32);
        buffer.putInt(0, 32);
        assertThat(WireFrame.check(buffer,
            32)).as("a term offset past the longest term").isEqualTo(WireFrame.REJECT_OFFSET);
    }

    @Test
    void aDataFrameLengthNearTwoToTheThirtyOneIsRejectedWithoutOverflow()
    {
        DatagramBuilder.data(buffer, 0, 5, 7, 100, 64, 32, (byte)1);
        DatagramBuilder.data(buffer, 64, 5, 7, 100, 128, 32, (byte)1);
        for (final int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 31, Integer.MAX_VALUE - 30,
            Integer.MIN_VALUE})
        {
            buffer.putInt(64, length);
            assertThat(WireFrame.check(buffer, 128)).as("second frame of length %d",
                length).isEqualTo(WireFrame.REJECT_LENGTH);
            assertThat(WireFrame.termSpan(buffer, 128)).isEqualTo(-1);
        }
    }
}
