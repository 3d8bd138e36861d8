package io.nanostream.client.protocol;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandsTest
{
    private final AtomicBuffer buffer = AtomicBuffer.allocateHeap(256);

    @Test
    void anAddCommandCarriesItsFieldsAtTheDocumentedOffsets()
    {
        final int length = Commands.encodeAdd(buffer, 11, 22, 33, "nano:ipc?term-length=64k");
        assertThat(length).isEqualTo(Commands.CHANNEL + "nano:ipc?term-length=64k".length());
        assertThat(buffer.getLong(Commands.CORRELATION_ID)).isEqualTo(11);
        assertThat(buffer.getLong(Commands.CLIENT_ID)).isEqualTo(22);
        assertThat(buffer.getInt(Commands.STREAM_ID)).isEqualTo(33);
        assertThat(Commands.getString(buffer, Commands.CHANNEL_LENGTH, length)).isEqualTo("nano:ipc?term-length=64k");
    }

    @Test
    void removeAndClientCommandsCarryTheirIds()
    {
        assertThat(Commands.encodeRemove(buffer, 1, 2, 3)).isEqualTo(24);
        assertThat(buffer.getLong(Commands.REGISTRATION_ID)).isEqualTo(3);
        assertThat(Commands.encodeClient(buffer, 4, 5)).isEqualTo(16);
        assertThat(buffer.getLong(Commands.CLIENT_ID)).isEqualTo(5);
    }

    @Test
    void stringsRoundTripInUtf8()
    {
        final int written = Commands.putString(buffer, 8, "nano:udp?endpoint=höst:1");
        assertThat(Commands.getString(buffer, 8, 8 + written)).isEqualTo("nano:udp?endpoint=höst:1");
    }

    @Test
    void aStringLengthThatRunsPastTheMessageIsRefusedEvenWhenItOverflows()
    {
        Commands.putString(buffer, 8, "abc");
        assertThatThrownBy(() -> Commands.getString(buffer, 8, 8 + 4 + 2)).hasMessageContaining("runs past the message end");
        buffer.putInt(8, -1);
        assertThatThrownBy(() -> Commands.getString(buffer, 8, 100)).hasMessageContaining("string length -1");
        buffer.putInt(8, Integer.MAX_VALUE - 5); // offset + 4 + length overflows to a negative int, below any limit
        assertThatThrownBy(() -> Commands.getString(buffer, 8, 100)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("runs past the message end");
        assertThatThrownBy(() -> Commands.getString(buffer, 98, 100)).as("no room even for the length")
            .isInstanceOf(IllegalArgumentException.class);
    }
}
