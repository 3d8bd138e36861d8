package io.nanostream.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the latency distributions of a bench run as one self-contained HTML file of inline SVG plots,
 * the way HdrHistogram's plotter draws them: latency against percentile, the percentile axis stretched
 * so that 90, 99, 99.9 and 99.99 % are equally far apart. Ours and each anchor share a plot. No script,
 * no network: it opens in any browser.
 */
public final class PercentilePlot
{
    private static final String[] COLOURS = {"#d62728", "#1f77b4", "#2ca02c", "#9467bd"};
    private static final int WIDTH = 820;
    private static final int HEIGHT = 380;
    private static final int LEFT = 80;
    private static final int RIGHT = 200;
    private static final int TOP = 40;
    private static final int BOTTOM = 50;
    /** The percentile axis ends at 99.999 %: five nines. */
    private static final double MAX_NINES = 5;

    private final Map<String, Map<String, Histogram>> plots = new LinkedHashMap<>();

    /**
     * Adds one scenario's distributions: every round of each implementation merged into one histogram.
     *
     * @param title    the plot's title.
     * @param byImpl   rounds per implementation.
     */
    public void add(final String title, final Map<String, List<RoundResult>> byImpl)
    {
        final Map<String, Histogram> merged = new LinkedHashMap<>();
        for (final Map.Entry<String, List<RoundResult>> entry : byImpl.entrySet())
        {
            final Histogram histogram = ScenarioMain.newHistogram();
            for (final RoundResult round : entry.getValue())
            {
                final Histogram decoded = round.decodeHistogram();
                if (decoded != null)
                {
                    histogram.add(decoded);
                }
            }
            if (histogram.getTotalCount() > 0)
            {
                merged.put(entry.getKey(), histogram);
            }
        }
        if (!merged.isEmpty())
        {
            plots.put(title, merged);
        }
    }

    /**
     * Writes the HTML file.
     *
     * @param file   where.
     * @param header a line about the machine and the run.
     * @throws IOException if the file cannot be written.
     */
    public void write(final Path file, final String header) throws IOException
    {
        final StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>nano-stream bench: latency by percentile</title>")
            .append("<style>body{font-family:sans-serif;margin:24px} svg{margin-bottom:24px} text{font-size:12px}</style></head><body>\n")
            .append("<h1>Round-trip latency by percentile</h1>\n<p>").append(escape(header)).append("</p>\n");
        if (plots.isEmpty())
        {
            html.append("<p>This run had no round-trip scenario.</p>\n");
        }
        plots.forEach((title, histograms) -> html.append(svg(title, histograms)));
        html.append("</body></html>\n");
        final Path parent = file.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, html.toString(), StandardCharsets.UTF_8);
    }

    private static String svg(final String title, final Map<String, Histogram> histograms)
    {
        long top = 1;
        for (final Histogram histogram : histograms.values())
        {
            top = Math.max(top, histogram.getValueAtPercentile(99.99));
        }
        final double yMax = niceCeiling(top * 1.1);
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n", WIDTH, HEIGHT))
            .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" style=\"font-size:15px;font-weight:bold\">%s</text>%n", LEFT, escape(title)));
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final double x = LEFT + plotWidth * nines / MAX_NINES;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, TOP + plotHeight))
                .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotHeight + 18, percentileLabel(nines)));
        }
        for (int tick = 0; tick <= 4; tick++)
        {
            final double value = yMax * tick / 4;
            final double y = TOP + plotHeight - plotHeight * tick / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotWidth, y))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT - 6, y + 4, nanos(value)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile</text>%n",
            LEFT + plotWidth / 2, HEIGHT - 8));
        int colour = 0;
        for (final Map.Entry<String, Histogram> entry : histograms.entrySet())
        {
            final String stroke = COLOURS[colour % COLOURS.length];
            final List<String> points = new ArrayList<>();
            for (final HistogramIterationValue value : entry.getValue().percentiles(5))
            {
                final double percentile = value.getPercentileLevelIteratedTo();
                final double nines = percentile >= 100 ? MAX_NINES : Math.min(MAX_NINES, Math.log10(100 / (100 - percentile)));
                final double x = LEFT + plotWidth * nines / MAX_NINES;
                final double y = TOP + plotHeight - plotHeight * Math.min(1, value.getValueIteratedTo() / yMax);
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                if (percentile >= 100 - Math.pow(10, 2 - MAX_NINES))
                {
                    break;
                }
            }
            svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                stroke, String.join(" ", points)));
            final Histogram h = entry.getValue();
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                LEFT + plotWidth + 12, TOP + 16 + 54 * colour, stroke, escape(entry.getKey())))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">p50 %s, p99 %s</text>%n",
                    LEFT + plotWidth + 12, TOP + 32 + 54 * colour, stroke, nanos(h.getValueAtPercentile(50)), nanos(h.getValueAtPercentile(99))))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">p99.9 %s</text>%n",
                    LEFT + plotWidth + 12, TOP + 48 + 54 * colour, stroke, nanos(h.getValueAtPercentile(99.9))));
            colour++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String percentileLabel(final int nines)
    {
        return switch (nines)
        {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            case 3 -> "99.9%";
            case 4 -> "99.99%";
            default -> "99.999%";
        };
    }

    private static double niceCeiling(final double value)
    {
        final double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (final double step : new double[] {1, 2, 2.5, 5, 10})
        {
            if (step * magnitude >= value)
            {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String nanos(final double value)
    {
        if (value >= 1_000_000)
        {
            return String.format(Locale.ROOT, "%.1f ms", value / 1e6);
        }
        if (value >= 10_000)
        {
            return String.format(Locale.ROOT, value % 1000 == 0 ? "%.0f us" : "%.1f us", value / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", value);
    }

    private static String escape(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
