package io.nanostream.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The examples between threads print every event they publish, in order, once. */
@Timeout(60) // beyond the 30 s HandlerGraphExample gives its graph to drain
class RingExamplesTest
{
    @Test
    void theBatchHandlerPrintsEveryTradeInOrder() throws Exception
    {
        final List<String> lines = Printed.linesOf(out -> RingExample.run(2000, out));

        assertThat(lines).containsExactlyElementsOf(
            IntStream.range(0, 2000).mapToObj(i -> "trade " + i + " price " + (100 + i)).toList());
    }

    @Test
    void theLastHandlerOfTheDiamondSeesEveryOrderAfterBothOthers() throws Exception
    {
        final List<String> lines = Printed.linesOf(out -> HandlerGraphExample.run(3000, out));

        assertThat(lines).containsExactlyElementsOf(
            IntStream.rangeClosed(1, 3000).mapToObj(id -> "order " + id + " journaled true replicated true").toList());
    }

    @Test
    void thePollerPrintsWhatWasPublishedAfterItWasGated() throws Exception
    {
        final List<String> lines = Printed.linesOf(out -> PollerExample.run(5, out));

        assertThat(lines).containsExactly(
            "polled 0 price 100", "polled 1 price 101", "polled 2 price 102", "polled 3 price 103",
            "polled 4 price 104");
    }

    @Test
    void theMainsRunWithTheirDefaults() throws Exception
    {
        assertThat(Printed.linesOf(out -> RingExample.run(10, out))).hasSize(10).last().isEqualTo("trade 9 price 109");
        assertThat(Printed.linesOf(out -> HandlerGraphExample.run(5, out))).hasSize(5);
    }
}
