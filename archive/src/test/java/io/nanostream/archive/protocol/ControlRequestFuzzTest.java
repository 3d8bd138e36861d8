package io.nanostream.archive.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nanostream.buffer.AtomicBuffer;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the archive's request decoder, the first thing a client's bytes meet: a well-formed request of each type
 * decodes to exactly the fields written; anything else (a body cut short, a string length past the end or negative,
 * another version, an unknown type, random bytes) is refused with an {@link IllegalArgumentException} that names the
 * problem. Nothing else escapes, whatever the bytes.
 */
class ControlRequestFuzzTest
{
    /** Each type's body: l a long, i an int, s a string. */
    private static final Map<Integer, String> BODIES = Map.ofEntries(
        Map.entry(ControlProtocol.CONNECT, "is"), Map.entry(ControlProtocol.CLOSE_SESSION, ""),
        Map.entry(ControlProtocol.START_RECORDING, "is"), Map.entry(ControlProtocol.STOP_RECORDING, "is"),
        Map.entry(ControlProtocol.LIST_RECORDINGS, "liis"), Map.entry(ControlProtocol.START_REPLAY, "lllis"),
        Map.entry(ControlProtocol.STOP_REPLAY, "l"), Map.entry(ControlProtocol.RECORDING_POSITION, "l"),
        Map.entry(ControlProtocol.EXTEND_RECORDING, "lis"), Map.entry(ControlProtocol.TRUNCATE_RECORDING, "ll"),
        Map.entry(ControlProtocol.DELETE_RECORDING, "l"), Map.entry(ControlProtocol.PURGE_SEGMENTS, "ll"),
        Map.entry(ControlProtocol.REPLICATE, "liss"), Map.entry(ControlProtocol.STOP_REPLICATION, "l"));
    private static final Integer[] TYPES = BODIES.keySet().stream().sorted().toArray(Integer[]::new);

    @FuzzTest // executions, seed and time limit come from the build (fuzz.* properties in the parent POM)
    void requestsDecodeToTheirFieldsOrAreRefusedWithTheProblem(final FuzzedDataProvider data) throws Exception
    {
        final AtomicBuffer message = AtomicBuffer.allocateHeap(4 * 4096);
        final boolean wellFormed = data.consumeBoolean();
        final int type = wellFormed || data.consumeBoolean() ? data.pickValue(TYPES) : data.consumeInt();
        final long session = data.consumeLong();
        final long correlation = data.consumeLong();
        ControlProtocol.putHeader(message, type, wellFormed ? ControlProtocol.VERSION : data.consumeInt(), session,
            correlation);
        final List<Object> expected = new ArrayList<>(List.of(session, correlation));
        int length = ControlProtocol.REQUEST_BODY_OFFSET;
        if (wellFormed)
        {
            for (final char field : BODIES.get(type).toCharArray())
            {
                switch (field)
                {
                    case 'l' ->
                    {
                        final long value = data.consumeLong();
                        message.putLong(length, value);
                        expected.add(value);
                        length += Long.BYTES;
                    }
                    case 'i' ->
                    {
                        final int value = data.consumeInt();
                        message.putInt(length, value);
                        expected.add(value);
                        length += Integer.BYTES;
                    }
                    default ->
                    {
                        final String value = data.consumeString(250);
                        length = ControlProtocol.putString(message, length, value);
                        expected.add(value);
                    }
                }
            }
        }
        else
        {
            final byte[] body = data.consumeBytes(3 * 4096);
            message.putBytes(length, body, 0, body.length);
            length += body.length;
        }
        final int cut = wellFormed ? length : data.consumeInt(0, length);
        // the message lands anywhere in a larger buffer, after and before bytes that are not its own
        final int offset = data.consumeInt(0, 64);
        final AtomicBuffer buffer = AtomicBuffer.allocateHeap((offset + cut + 64 + 7) & ~7);
        for (int i = 0; i < buffer.capacity(); i++)
        {
            buffer.putByte(i, (byte)0x7f);
        }
        final byte[] bytes = new byte[cut];
        message.getBytes(0, bytes, 0, cut);
        buffer.putBytes(offset, bytes, 0, cut);

        final ControlRequest request;
        try
        {
            request = ControlRequest.decode(buffer, offset, cut);
        }
        catch (final IllegalArgumentException ex)
        {
            assertThat(wellFormed).as("a well-formed request refused: " + ex.getMessage()).isFalse();
            assertThat(ex.getMessage()).isNotBlank();
            return;
        }
        assertThat(request.controlSessionId()).isEqualTo(session);
        assertThat(request.correlationId()).isEqualTo(correlation);
        if (wellFormed)
        {
            final List<Object> decoded = new ArrayList<>();
            for (final RecordComponent component : request.getClass().getRecordComponents())
            {
                decoded.add(component.getAccessor().invoke(request));
            }
            assertThat(decoded).as("type " + type).isEqualTo(expected);
        }
    }
}
