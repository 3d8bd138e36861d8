package io.nanostream.buffer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BroadcastTest
{
    private final AtomicBuffer memory = AtomicBuffer.allocateHeap(1024 + BroadcastDescriptor.TRAILER_LENGTH);
    private final BroadcastTransmitter transmitter = new BroadcastTransmitter(memory);
    private final AtomicBuffer message = AtomicBuffer.allocateHeap(128);

    @Test
    void everyReceiverSeesEveryMessageAfterItsCreationInOrderAcrossTheWrap()
    {
        message.putInt(0, -1);
        transmitter.transmit(1, message, 0, 4); // before the receivers: not seen
        final CopyBroadcastReceiver first = new CopyBroadcastReceiver(new BroadcastReceiver(memory));
        final CopyBroadcastReceiver second = new CopyBroadcastReceiver(new BroadcastReceiver(memory));
        final List<Integer> a = new ArrayList<>();
        final List<Integer> b = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            message.putInt(0, i);
            transmitter.transmit(2, message, 0, 4 + (i % 5) * 8);
            first.receive((type, buffer, offset, length) -> a.add(buffer.getInt(offset)));
            if (i % 3 == 0)
            {
                second.receive((type, buffer, offset, length) -> b.add(buffer.getInt(offset)));
            }
        }
        second.receive((type, buffer, offset, length) -> b.add(buffer.getInt(offset)));
        assertThat(a).hasSize(200).startsWith(0, 1, 2).endsWith(199);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aReceiverThatFallsAWholeBufferBehindIsToldItWasLapped()
    {
        final CopyBroadcastReceiver slow = new CopyBroadcastReceiver(new BroadcastReceiver(memory));
        for (int i = 0; i < 100; i++)
        {
            transmitter.transmit(3, message, 0, 64);
        }
        assertThatThrownBy(() -> slow.receive((type, buffer, offset, length) -> { }))
            .isInstanceOf(IllegalStateException.class).hasMessageContaining("lapped");
    }
}
