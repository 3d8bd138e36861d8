package io.nanostream.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The figures of one scenario across rounds: per implementation the median of each figure, and per
 * anchor the median (with min and max) of the per-round ratio ours / anchor.
 *
 * @param transport the transport.
 * @param scenario  the scenario.
 * @param ours      our implementation's name.
 * @param byImpl    each implementation's rounds, ours first.
 */
public record ScenarioSummary(String transport, String scenario, String ours, Map<String, List<RoundResult>> byImpl)
{
    /**
     * The JSON lines, one per implementation.
     *
     * @return the lines.
     */
    public List<String> jsonLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final Map.Entry<String, List<RoundResult>> entry : byImpl.entrySet())
        {
            final List<RoundResult> rounds = entry.getValue();
            final StringBuilder json = new StringBuilder();
            json.append(String.format(Locale.ROOT, "{\"transport\":\"%s\",\"scenario\":\"%s\",\"impl\":\"%s\",\"rounds\":%d",
                transport, scenario, entry.getKey(), rounds.size()));
            if (isLatency())
            {
                json.append(String.format(Locale.ROOT,
                    ",\"rtt_p50_ns\":%.0f,\"rtt_p90_ns\":%.0f,\"rtt_p99_ns\":%.0f,\"rtt_p999_ns\":%.0f,\"rtt_max_ns\":%.0f",
                    median(rounds, RoundResult::p50), median(rounds, RoundResult::p90), median(rounds, RoundResult::p99),
                    median(rounds, RoundResult::p999), median(rounds, RoundResult::max)));
            }
            else
            {
                json.append(String.format(Locale.ROOT, ",\"ops_per_s\":%.0f", median(rounds, RoundResult::opsPerS)));
            }
            if (!entry.getKey().equals(ours))
            {
                final double[] ratios = ratios(entry.getKey());
                json.append(String.format(Locale.ROOT, ",\"ours_over_anchor\":%.3f,\"ratio_min\":%.3f,\"ratio_max\":%.3f",
                    medianOf(ratios), Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN)));
            }
            lines.add(json.append('}').toString());
        }
        return lines;
    }

    /**
     * The table rows, one per implementation.
     *
     * @return the rows.
     */
    public List<String> tableRows()
    {
        final List<String> rows = new ArrayList<>();
        for (final Map.Entry<String, List<RoundResult>> entry : byImpl.entrySet())
        {
            final List<RoundResult> rounds = entry.getValue();
            final String figures = isLatency() ?
                String.format(Locale.ROOT, "p50 %,7.0f  p99 %,8.0f  p99.9 %,9.0f ns",
                    median(rounds, RoundResult::p50), median(rounds, RoundResult::p99), median(rounds, RoundResult::p999)) :
                String.format(Locale.ROOT, "%,14.0f ops/s", median(rounds, RoundResult::opsPerS));
            String ratio = "";
            if (!entry.getKey().equals(ours))
            {
                final double[] ratios = ratios(entry.getKey());
                ratio = String.format(Locale.ROOT, "%5.2fx (%.2f..%.2f)%s", medianOf(ratios),
                    Arrays.stream(ratios).min().orElse(Double.NaN), Arrays.stream(ratios).max().orElse(Double.NaN),
                    isLatency() ? " p50, lower is better" : "");
            }
            rows.add(String.format(Locale.ROOT, "%-6s %-9s %-10s %-44s %s", transport, scenario, entry.getKey(), figures, ratio));
        }
        return rows;
    }

    /**
     * Whether the scenario measures round trips.
     *
     * @return true for round-trip scenarios.
     */
    public boolean isLatency()
    {
        return byImpl.values().iterator().next().get(0).isLatency();
    }

    /** Per round: ours / anchor, for throughput (higher is better) and for p50 (lower is better). */
    private double[] ratios(final String anchor)
    {
        final List<RoundResult> ourRounds = byImpl.get(ours);
        final List<RoundResult> anchorRounds = byImpl.get(anchor);
        final int n = Math.min(ourRounds == null ? 0 : ourRounds.size(), anchorRounds.size());
        final double[] ratios = new double[n];
        for (int i = 0; i < n; i++)
        {
            ratios[i] = isLatency() ?
                (double)ourRounds.get(i).p50() / anchorRounds.get(i).p50() :
                ourRounds.get(i).opsPerS() / anchorRounds.get(i).opsPerS();
        }
        return ratios;
    }

    private static double median(final List<RoundResult> rounds, final ToDoubleFunction<RoundResult> figure)
    {
        return medianOf(rounds.stream().mapToDouble(figure).toArray());
    }

    private static double medianOf(final double[] values)
    {
        if (values.length == 0)
        {
            return Double.NaN;
        }
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
