package io.nanostream.client.protocol;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The command and response diagrams add up, and the encoders write where they say. */
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
        assertThatThrownBy(() -> Commands.getString(buffer, 8, 8 + 4 +
            2)).hasMessageContaining("runs past the message end");
        buffer.putInt(8, -1);
        assertThatThrownBy(() -> Commands.getString(buffer, 8, 100)).hasMessageContaining("string length -1");
        buffer.putInt(8, Integer.MAX_VALUE - 5); // offset + 4 + length overflows to a negative int, below any limit
        assertThatThrownBy(() -> Commands.getString(buffer, 8, 100)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("runs past the message end");
        assertThatThrownBy(() -> Commands.getString(buffer, 98, 100)).as("no room even for the length")
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandFieldsFollowOneAnother()
    {
        assertThat(Commands.CLIENT_ID).isEqualTo(Commands.CORRELATION_ID + Long.BYTES);
        assertThat(Commands.CLIENT_COMMAND_LENGTH).isEqualTo(Commands.CLIENT_ID + Long.BYTES);
        assertThat(Commands.STREAM_ID).isEqualTo(Commands.CLIENT_COMMAND_LENGTH);
        assertThat(Commands.CHANNEL_LENGTH).isEqualTo(Commands.STREAM_ID + Integer.BYTES);
        assertThat(Commands.CHANNEL).isEqualTo(Commands.CHANNEL_LENGTH + Commands.STRING_LENGTH_PREFIX);
        assertThat(Commands.REGISTRATION_ID).isEqualTo(Commands.CLIENT_COMMAND_LENGTH);
        assertThat(Commands.REMOVE_COMMAND_LENGTH).isEqualTo(Commands.REGISTRATION_ID + Long.BYTES);
    }

    @Test
    void encodersWriteWhereTheDiagramsSay()
    {
        assertThat(Commands.encodeClient(buffer, 11L, 22L)).isEqualTo(Commands.CLIENT_COMMAND_LENGTH);
        assertThat(buffer.getLong(Commands.CORRELATION_ID)).isEqualTo(11L);
        assertThat(buffer.getLong(Commands.CLIENT_ID)).isEqualTo(22L);

        assertThat(Commands.encodeRemove(buffer, 12L, 23L, 34L)).isEqualTo(Commands.REMOVE_COMMAND_LENGTH);
        assertThat(buffer.getLong(Commands.REGISTRATION_ID)).isEqualTo(34L);

        final String channel = "nano:ipc";
        final int length = Commands.encodeAdd(buffer, 13L, 24L, 10, channel);
        assertThat(length).as("up to the channel's last byte (it was once 4 bytes more)").isEqualTo(Commands.CHANNEL +
            channel.length());
        assertThat(buffer.getInt(Commands.STREAM_ID)).isEqualTo(10);
        assertThat(buffer.getInt(Commands.CHANNEL_LENGTH)).isEqualTo(channel.length());
        final byte[] bytes = new byte[channel.length()];
        buffer.getBytes(Commands.CHANNEL, bytes, 0, bytes.length);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(channel);
        assertThat(Commands.getString(buffer, Commands.CHANNEL_LENGTH, Commands.CHANNEL +
            channel.length())).isEqualTo(channel);
        assertThatThrownBy(() -> Commands.getString(buffer, Commands.CHANNEL_LENGTH, Commands.CHANNEL +
            channel.length() - 1))
            .hasMessageContaining("runs past");
    }

    @Test
    void responseFieldsFollowOneAnother()
    {
        assertThat(Responses.ERROR_CODE).isEqualTo(Responses.CORRELATION_ID + Long.BYTES);
        assertThat(Responses.ERROR_MESSAGE).isEqualTo(Responses.ERROR_CODE + Integer.BYTES);

        assertThat(Responses.PUBLICATION_REGISTRATION_ID).isEqualTo(Responses.CORRELATION_ID + Long.BYTES);
        assertThat(Responses.PUBLICATION_SESSION_ID).isEqualTo(Responses.PUBLICATION_REGISTRATION_ID + Long.BYTES);
        assertThat(Responses.PUBLICATION_STREAM_ID).isEqualTo(Responses.PUBLICATION_SESSION_ID + Integer.BYTES);
        assertThat(Responses.PUBLICATION_LIMIT_COUNTER_ID).isEqualTo(Responses.PUBLICATION_STREAM_ID + Integer.BYTES);
        assertThat(Responses.PUBLICATION_BACK_PRESSURE_COUNTER_ID).isEqualTo(Responses.PUBLICATION_LIMIT_COUNTER_ID +
            Integer.BYTES);
        assertThat(Responses.PUBLICATION_LOG_FILE).isEqualTo(Responses.PUBLICATION_BACK_PRESSURE_COUNTER_ID +
            Integer.BYTES);

        assertThat(Responses.IMAGE_SUBSCRIPTION_ID).isEqualTo(Responses.CORRELATION_ID + Long.BYTES);
        assertThat(Responses.IMAGE_SESSION_ID).isEqualTo(Responses.IMAGE_SUBSCRIPTION_ID + Long.BYTES);
        assertThat(Responses.IMAGE_STREAM_ID).isEqualTo(Responses.IMAGE_SESSION_ID + Integer.BYTES);
        assertThat(Responses.IMAGE_POSITION_COUNTER_ID).isEqualTo(Responses.IMAGE_STREAM_ID + Integer.BYTES);
        assertThat(Responses.IMAGE_JOIN_POSITION).as("after 4 unused bytes").isEqualTo(Responses.IMAGE_POSITION_COUNTER_ID + 8);
        assertThat(Responses.IMAGE_LOG_FILE).isEqualTo(Responses.IMAGE_JOIN_POSITION + Long.BYTES);

        assertThat(Responses.UNAVAILABLE_IMAGE_STREAM_ID).isEqualTo(Responses.IMAGE_SUBSCRIPTION_ID + Long.BYTES);
        assertThat(Responses.UNAVAILABLE_IMAGE_LENGTH).isEqualTo(Responses.UNAVAILABLE_IMAGE_STREAM_ID + 8);
        assertThat(Responses.ID_ONLY_LENGTH).isEqualTo(Long.BYTES);
        assertThat(Responses.CLIENT_TIMEOUT_CLIENT_ID).isZero();
    }
}
