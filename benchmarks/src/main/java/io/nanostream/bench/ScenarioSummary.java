package io.nanostream.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One scenario's results, per implementation and round: medians, and ours / anchor ratios taken round
 * by round (the median, min and max of the per-round ratios). The main figures come from JVMs that
 * ran every implementation, interleaved; where an anchor was also run in JVMs of its own, alternating
 * with ours, those figures form a second set.
 *
 * @param transport      ring, ipc or udp.
 * @param scenario       the scenario.
 * @param ours           the implementation the others are compared with.
 * @param byImpl         rounds per implementation, all implementations in the same JVMs.
 * @param separateByImpl rounds per implementation in JVMs of their own (empty if not run).
 */
public record ScenarioSummary(
    String transport, String scenario, String ours, Map<String, List<RoundResult>> byImpl,
    Map<String, List<RoundResult>> separateByImpl)
{
    /**
     * One JSON object per implementation.
     *
     * @return the lines.
     */
    public List<String> jsonLines()
    {
        final List<String> lines = new ArrayList<>();
        for (final Map.Entry<String, List<RoundResult>> entry : byImpl.entrySet())
        {
            final String impl = entry.getKey();
            final StringBuilder json = new StringBuilder();
            json.append(String.format(Locale.ROOT,
                "{\"transport\":\"%s\",\"scenario\":\"%s\",\"impl\":\"%s\",\"rounds\":%d", transport, scenario, impl,
                entry.getValue().size()));
            figures(json, "", byImpl, impl);
            if (separateByImpl.containsKey(impl))
            {
                figures(json, "separate_", separateByImpl, impl);
            }
            lines.add(json.append('}').toString());
        }
        return lines;
    }

    private void figures(final StringBuilder json, final String prefix, final Map<String, List<RoundResult>> results,
        final String impl)
    {
        final List<RoundResult> rounds = results.get(impl);
        if (isLatency())
        {
            json.append(String.format(Locale.ROOT,
                ",\"%1$srtt_p50_ns\":%2$.0f,\"%1$srtt_p90_ns\":%3$.0f,\"%1$srtt_p99_ns\":%4$.0f,\"%1$srtt_p999_ns\":%5$.0f,\"%1$srtt_max_ns\":%6$.0f",
                prefix, median(rounds, RoundResult::p50), median(rounds, RoundResult::p90), median(rounds, RoundResult::p99),
                median(rounds, RoundResult::p999), median(rounds, RoundResult::max)));
            if (hasCpu(rounds))
            {
                json.append(String.format(Locale.ROOT, ",\"%scpu_ms_per_s\":%.1f", prefix,
                    median(rounds, RoundResult::cpuMillisPerSecond)));
            }
        }
        else
        {
            json.append(String.format(Locale.ROOT, ",\"%sops_per_s\":%.0f", prefix,
                median(rounds, RoundResult::opsPerS)));
        }
        if (!impl.equals(ours) && results.containsKey(ours))
        {
            final double[] ratios = ratios(results, impl, isLatency() ? RoundResult::p50 : RoundResult::opsPerS);
            json.append(String.format(Locale.ROOT,
                ",\"%1$sours_over_anchor\":%2$.3f,\"%1$sratio_min\":%3$.3f,\"%1$sratio_max\":%4$.3f", prefix,
                medianOf(ratios), min(ratios), max(ratios)));
            if (isLatency())
            {
                json.append(String.format(Locale.ROOT, ",\"%sp99_ours_over_anchor\":%.3f",
                    prefix, medianOf(ratios(results, impl, RoundResult::p99))));
            }
        }
    }

    /**
     * Table rows, one per implementation.
     *
     * @return the rows.
     */
    public List<String> tableRows()
    {
        final List<String> rows = new ArrayList<>();
        for (final Map.Entry<String, List<RoundResult>> entry : byImpl.entrySet())
        {
            final String impl = entry.getKey();
            final List<RoundResult> rounds = entry.getValue();
            String figures = isLatency() ?
                String.format(Locale.ROOT, "p50 %,7.0f  p99 %,8.0f  p99.9 %,9.0f ns",
                    median(rounds, RoundResult::p50), median(rounds, RoundResult::p99),
                    median(rounds, RoundResult::p999)) :
                String.format(Locale.ROOT, "%,14.0f ops/s", median(rounds, RoundResult::opsPerS));
            if (hasCpu(rounds))
            {
                figures += String.format(Locale.ROOT, "  cpu %,.0f ms/s",
                    median(rounds, RoundResult::cpuMillisPerSecond));
            }
            String ratio = "";
            if (!impl.equals(ours))
            {
                ratio = ratioText(byImpl, impl);
                if (separateByImpl.containsKey(impl))
                {
                    ratio += "   separate JVMs " + ratioText(separateByImpl, impl);
                }
            }
            rows.add(String.format(Locale.ROOT, "%-6s %-18s %-10s %-44s %s", transport, scenario, impl, figures,
                ratio));
        }
        return rows;
    }

    private String ratioText(final Map<String, List<RoundResult>> results, final String impl)
    {
        final double[] ratios = ratios(results, impl, isLatency() ? RoundResult::p50 : RoundResult::opsPerS);
        String text = String.format(Locale.ROOT, "%5.2fx (%.2f..%.2f)", medianOf(ratios), min(ratios), max(ratios));
        if (isLatency())
        {
            text += String.format(Locale.ROOT, " p50, %.2fx p99", medianOf(ratios(results, impl, RoundResult::p99)));
        }
        return text;
    }

    private static boolean hasCpu(final List<RoundResult> rounds)
    {
        return rounds.stream().noneMatch(round -> Double.isNaN(round.cpuMillisPerSecond()));
    }

    /**
     * Whether this is a round-trip scenario.
     *
     * @return true if the rounds carry percentiles.
     */
    public boolean isLatency()
    {
        return byImpl.values().iterator().next().get(0).isLatency();
    }

    private double[] ratios(final Map<String, List<RoundResult>> results, final String anchor,
        final ToDoubleFunction<RoundResult> figure)
    {
        final List<RoundResult> ourRounds = results.get(ours);
        final List<RoundResult> anchorRounds = results.get(anchor);
        final int n = Math.min(ourRounds == null ? 0 : ourRounds.size(), anchorRounds.size());
        final double[] ratios = new double[n];
        for (int i = 0; i < n; i++)
        {
            ratios[i] = figure.applyAsDouble(ourRounds.get(i)) / figure.applyAsDouble(anchorRounds.get(i));
        }
        return ratios;
    }

    private static double median(final List<RoundResult> rounds, final ToDoubleFunction<RoundResult> figure)
    {
        return medianOf(rounds.stream().mapToDouble(figure).toArray());
    }

    private static double min(final double[] values)
    {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(final double[] values)
    {
        return Arrays.stream(values).max().orElse(Double.NaN);
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
