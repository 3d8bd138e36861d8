package io.nanostream.ring;

import io.nanostream.concurrent.Sequence;
import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves, from the field offsets the running JVM actually chose, that fields written by different
 * threads sit at least 128 bytes apart, and that hot fields keep 128 bytes from the ends of their
 * object (so no neighbouring object shares their lines). Runs twice in the build: with the default
 * object headers and with {@code -XX:+UseCompactObjectHeaders}, under which fields can move into gaps.
 */
class FieldLayoutTest
{
    private static final long DISTANCE = 128;

    /** One int field: it starts right after the header, at 12 bytes, or at 8 with compact headers. */
    static final class OneInt
    {
        int value;
    }

    @Test
    void theLayoutSeenIsTheOneOfTheHeaderModeInUse()
    {
        final String compact = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .getVMOption("UseCompactObjectHeaders").getValue();
        assertThat(offset(ClassLayout.parseClass(OneInt.class), "value")).as("UseCompactObjectHeaders=" + compact)
            .isEqualTo("true".equals(compact) ? 8 : 12);
    }

    @Test
    void aSequenceValueIsAloneOnItsLines()
    {
        assertIsolated(ClassLayout.parseClass(Sequence.class), "value");
    }

    @Test
    void theSingleProducerFieldsAreFarFromWhatConsumersRead()
    {
        final ClassLayout layout = ClassLayout.parseClass(SingleProducerSequencer.class);
        final List<String> producerWritten = List.of("nextValue", "cachedGatingSequence");
        final List<String> readByConsumers = List.of("bufferSize", "indexMask", "indexShift", "published",
            "waitStrategy", "producerWaitStrategy", "gatingSequences", "halted");
        for (final String hot : producerWritten)
        {
            assertIsolated(layout, hot);
            for (final String shared : readByConsumers)
            {
                assertThat(Math.abs(offset(layout, hot) - offset(layout, shared)))
                    .as("%s to %s in\n%s", hot, shared, layout.toPrintable()).isGreaterThanOrEqualTo(DISTANCE);
            }
        }
        for (final String shared : readByConsumers)
        {
            assertThat(offset(layout, shared)).as("%s after the object start in\n%s", shared, layout.toPrintable())
                .isGreaterThanOrEqualTo(DISTANCE);
        }
    }

    @Test
    void theMultiProducerSequencersSharedFieldsAreFarFromTheObjectBefore()
    {
        final ClassLayout layout = ClassLayout.parseClass(MultiProducerSequencer.class);
        for (final String field : List.of("flags", "indexMask", "indexShift", "cursor", "gatingSequenceCache"))
        {
            assertThat(offset(layout, field)).as("%s in\n%s", field,
                layout.toPrintable()).isGreaterThanOrEqualTo(DISTANCE);
        }
    }

    @Test
    void theRingsFieldsArePaddedOnBothSides()
    {
        final ClassLayout layout = ClassLayout.parseClass(RingBuffer.class);
        for (final String field : List.of("entries", "indexMask", "sequencer"))
        {
            assertIsolated(layout, field);
        }
    }

    private static void assertIsolated(final ClassLayout layout, final String field)
    {
        final FieldLayout hot = field(layout, field);
        assertThat(hot.offset()).as("bytes before %s in\n%s", field,
            layout.toPrintable()).isGreaterThanOrEqualTo(DISTANCE);
        assertThat(layout.instanceSize() - (hot.offset() + hot.size()))
            .as("bytes after %s in\n%s", field, layout.toPrintable()).isGreaterThanOrEqualTo(DISTANCE);
    }

    private static long offset(final ClassLayout layout, final String field)
    {
        return field(layout, field).offset();
    }

    private static FieldLayout field(final ClassLayout layout, final String name)
    {
        return layout.fields().stream().filter(f -> f.name().equals(name)).findFirst()
            .orElseThrow(() -> new AssertionError("no field " + name + " in\n" + layout.toPrintable()));
    }
}
