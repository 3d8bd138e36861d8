package io.nanostream.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plot shows what the table shows: at each percentile, the median over the rounds,
 * even when one round's tail is bad.
 */
class PercentilePlotTest
{
    @Test
    void theCurvesPercentilesAreTheTablesMediansOverRounds(@TempDir final Path directory) throws Exception
    {
        final List<RoundResult> rounds = new ArrayList<>();
        rounds.add(round(1, 1_000, 1_500));
        rounds.add(round(2, 1_100, 1_600));
        rounds.add(round(3, 1_050, 2_000_000)); // one round with a 2 ms tail: a merged histogram's p99.9 would be its
        final PercentilePlot plot = new PercentilePlot();
        plot.add("pingpong", Map.of("nano", rounds));
        final double[] curve = plot.curve("pingpong", "nano");
        final ScenarioSummary summary = new ScenarioSummary("ring", "pingpong", "nano", Map.of("nano", rounds),
            Map.of());
        final String row = summary.tableRows().getFirst();
        assertThat(PercentilePlot.at(curve, 50)).isEqualTo(median(rounds, RoundResult::p50));
        assertThat(PercentilePlot.at(curve, 99)).isEqualTo(median(rounds, RoundResult::p99));
        assertThat(PercentilePlot.at(curve, 99.9)).isEqualTo(median(rounds, RoundResult::p999)).isLessThan(1_000_000);
        assertThat(row).contains(String.format(java.util.Locale.ROOT, "p99 %,8.0f", median(rounds, RoundResult::p99)));
        final Path file = directory.resolve("plot.html");
        plot.write(file, "test");
        assertThat(Files.readString(file)).contains("log scale").contains("<polyline");
    }

    private static double median(final List<RoundResult> rounds,
        final java.util.function.ToLongFunction<RoundResult> figure)
    {
        final long[] values = rounds.stream().mapToLong(figure).sorted().toArray();
        return values[values.length / 2];
    }

    /** A round of 10,000 round trips: most at {@code typical} ns, the slowest 0.5 % at {@code tail} ns. */
    private static RoundResult round(final int number, final long typical, final long tail)
    {
        final Histogram histogram = ScenarioMain.newHistogram();
        histogram.recordValueWithCount(typical, 9_950);
        histogram.recordValueWithCount(tail, 50);
        return new RoundResult("pingpong", "nano", number, Double.NaN, histogram.getValueAtPercentile(50),
            histogram.getValueAtPercentile(90), histogram.getValueAtPercentile(99),
            histogram.getValueAtPercentile(99.9), histogram.getMaxValue(), ScenarioMain.encode(histogram), Double.NaN);
    }
}
