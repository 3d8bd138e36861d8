package io.nanostream.client.protocol;

import io.nanostream.buffer.AtomicBuffer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static io.nanostream.client.protocol.ControlFile.BROADCAST_LENGTH_OFFSET;
import static io.nanostream.client.protocol.ControlFile.CLIENT_LIVENESS_TIMEOUT_OFFSET;
import static io.nanostream.client.protocol.ControlFile.COMMAND_RING_LENGTH_OFFSET;
import static io.nanostream.client.protocol.ControlFile.COUNTERS_METADATA_LENGTH_OFFSET;
import static io.nanostream.client.protocol.ControlFile.COUNTERS_VALUES_LENGTH_OFFSET;
import static io.nanostream.client.protocol.ControlFile.ERROR_LOG_LENGTH_OFFSET;
import static io.nanostream.client.protocol.ControlFile.HEADER_LENGTH;
import static io.nanostream.client.protocol.ControlFile.PID_NAMESPACE_OFFSET;
import static io.nanostream.client.protocol.ControlFile.PID_OFFSET;
import static io.nanostream.client.protocol.ControlFile.REGION_ALIGNMENT;
import static io.nanostream.client.protocol.ControlFile.START_TIME_OFFSET;
import static io.nanostream.client.protocol.ControlFile.VERSION_OFFSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control file's diagram adds up, and its regions lie where it says. */
class ControlFileTest
{
    private static final int COMMAND_RING = 1024 + 640;
    private static final int BROADCAST = 1024 + 128;
    private static final int METADATA = 2 * 512;
    private static final int VALUES = 2 * 128;
    private static final int ERROR_LOG = 1000;

    @Test
    void theHeaderFieldsDoNotOverlapAndFitTheHeader()
    {
        final int[][] fields = {
            {VERSION_OFFSET, Integer.BYTES},
            {COMMAND_RING_LENGTH_OFFSET, Integer.BYTES},
            {BROADCAST_LENGTH_OFFSET, Integer.BYTES},
            {COUNTERS_METADATA_LENGTH_OFFSET, Integer.BYTES},
            {COUNTERS_VALUES_LENGTH_OFFSET, Integer.BYTES},
            {ERROR_LOG_LENGTH_OFFSET, Integer.BYTES},
            {CLIENT_LIVENESS_TIMEOUT_OFFSET, Long.BYTES},
            {START_TIME_OFFSET, Long.BYTES},
            {PID_OFFSET, Long.BYTES},
            {PID_NAMESPACE_OFFSET, Long.BYTES},
        };
        int end = 0;
        for (final int[] field : fields)
        {
            assertThat(field[0]).as("field at %d", field[0]).isGreaterThanOrEqualTo(end);
            assertThat(field[0] % field[1]).as("field at %d aligned", field[0]).isZero();
            end = field[0] + field[1];
        }
        assertThat(end).isLessThanOrEqualTo(HEADER_LENGTH);
        assertThat(HEADER_LENGTH % REGION_ALIGNMENT).isZero();
    }

    @Test
    void theVersionIsWrittenLastAndReadsAsMagicAndLayoutNumber()
    {
        final AtomicBuffer file = AtomicBuffer.allocateHeap((int)length());
        final ControlFile control = new ControlFile(file);
        control.initialise(COMMAND_RING, BROADCAST, METADATA, VALUES, ERROR_LOG, 10_000_000_000L,
            new DriverProcess(4321, 1_700_000_000_000L, 77));
        assertThat(file.getInt(VERSION_OFFSET)).as("not ready before markReady").isZero();
        assertThatThrownBy(() -> control.checkReady(Path.of("control.dat"))).hasMessageContaining("not ready");
        control.markReady();
        control.checkReady(Path.of("control.dat"));
        assertThat(file.getInt(VERSION_OFFSET)).isEqualTo(ControlFile.VERSION);
        assertThat(file.getShort(VERSION_OFFSET) & 0xFFFF).as("layout number first").isEqualTo(ControlFile.VERSION & 0xFFFF);
        assertThat(file.getShort(VERSION_OFFSET + 2) & 0xFFFF).as("then \"NS\"").isEqualTo(0x4E53);
        assertThat(file.getLong(CLIENT_LIVENESS_TIMEOUT_OFFSET)).isEqualTo(control.clientLivenessTimeoutNanos()).isEqualTo(10_000_000_000L);
        assertThat(file.getLong(START_TIME_OFFSET)).isEqualTo(control.startMillis()).isEqualTo(1_700_000_000_000L);
        assertThat(file.getLong(PID_OFFSET)).isEqualTo(control.pid()).isEqualTo(4321);
        assertThat(file.getLong(PID_NAMESPACE_OFFSET)).isEqualTo(77);
        assertThat(control.process()).isEqualTo(new DriverProcess(4321, 1_700_000_000_000L, 77));
    }

    @Test
    void theRegionsFollowTheHeaderInOrderOnAlignedBoundaries()
    {
        final AtomicBuffer file = AtomicBuffer.allocateHeap((int)length());
        final ControlFile control = new ControlFile(file);
        control.initialise(COMMAND_RING, BROADCAST, METADATA, VALUES, ERROR_LOG, 1, new DriverProcess(3, 2, 0));
        control.markReady();
        final AtomicBuffer[] regions = {control.commandRing(), control.broadcast(), control.countersMetadata(),
            control.countersValues(), control.errorLog()};
        final int[] lengths = {COMMAND_RING, BROADCAST, METADATA, VALUES, ERROR_LOG};
        int expectedOffset = HEADER_LENGTH;
        for (int i = 0; i < regions.length; i++)
        {
            assertThat(expectedOffset % REGION_ALIGNMENT).isZero();
            assertThat(regions[i].capacity()).isEqualTo(lengths[i]);
            regions[i].putInt(0, 1000 + i);
            assertThat(file.getInt(expectedOffset)).as("region %d starts at %d", i, expectedOffset).isEqualTo(1000 + i);
            expectedOffset += ControlFile.align(lengths[i]);
        }
        assertThat((long)expectedOffset).isEqualTo(length());
        assertThat(new int[] {ControlFile.align(0), ControlFile.align(1), ControlFile.align(128),
            ControlFile.align(129)})
            .containsExactly(0, 128, 128, 256);
    }

    private static long length()
    {
        return ControlFile.length(COMMAND_RING, BROADCAST, METADATA, VALUES, ERROR_LOG);
    }
}
