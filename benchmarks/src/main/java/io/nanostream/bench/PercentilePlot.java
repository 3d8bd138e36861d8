package io.nanostream.bench;

import org.HdrHistogram.Histogram;

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
 * so that 90, 99, 99.9 and 99.99 % are equally far apart, the latency axis logarithmic. Each point is the median over
 * the rounds of that round's value at the percentile, the statistic the table shows, so the plot and the table agree
 * (a merged histogram would let one bad round own the tail). Ours and each anchor share a plot. No script, no
 * network: it opens in any browser.
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

    /** The percentiles each curve is drawn through, from 0 to five nines. */
    private static final double[] LEVELS = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97, 99, 99.5, 99.7, 99.9, 99.95,
        99.97, 99.99, 99.995, 99.997, 99.999};

    private final Map<String, Map<String, double[]>> plots = new LinkedHashMap<>();

    /**
     * Adds one scenario's distributions: for each implementation, at each percentile, the median over its rounds.
     *
     * @param title    the plot's title.
     * @param byImpl   rounds per implementation.
     */
    public void add(final String title, final Map<String, List<RoundResult>> byImpl)
    {
        final Map<String, double[]> curves = new LinkedHashMap<>();
        for (final Map.Entry<String, List<RoundResult>> entry : byImpl.entrySet())
        {
            final List<Histogram> rounds = new ArrayList<>();
            for (final RoundResult round : entry.getValue())
            {
                final Histogram decoded = round.decodeHistogram();
                if (decoded != null && decoded.getTotalCount() > 0)
                {
                    rounds.add(decoded);
                }
            }
            if (!rounds.isEmpty())
            {
                final double[] curve = new double[LEVELS.length];
                for (int i = 0; i < LEVELS.length; i++)
                {
                    final double level = LEVELS[i];
                    curve[i] = median(rounds.stream().mapToDouble(h -> h.getValueAtPercentile(level)).sorted().toArray());
                }
                curves.put(entry.getKey(), curve);
            }
        }
        if (!curves.isEmpty())
        {
            plots.put(title, curves);
        }
    }

    /**
     * The value at a percentile of a curve, for the legend (and tests).
     *
     * @param curve      the curve.
     * @param percentile one of the drawn levels.
     * @return the value.
     */
    static double at(final double[] curve, final double percentile)
    {
        for (int i = 0; i < LEVELS.length; i++)
        {
            if (LEVELS[i] == percentile)
            {
                return curve[i];
            }
        }
        throw new IllegalArgumentException("no level " + percentile);
    }

    /** A drawn curve, for tests: the values at each level. */
    double[] curve(final String title, final String impl)
    {
        return plots.get(title).get(impl);
    }

    private static double median(final double[] sorted)
    {
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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

    private static String svg(final String title, final Map<String, double[]> curves)
    {
        double low = Double.MAX_VALUE;
        double high = 1;
        for (final double[] curve : curves.values())
        {
            for (final double value : curve)
            {
                low = Math.min(low, Math.max(1, value));
                high = Math.max(high, value);
            }
        }
        final double yMin = Math.pow(10, Math.floor(Math.log10(low)));
        final double yMax = Math.pow(10, Math.ceil(Math.log10(high * 1.01)));
        final double decades = Math.max(1, Math.log10(yMax / yMin));
        final int plotWidth = WIDTH - LEFT - RIGHT;
        final int plotHeight = HEIGHT - TOP - BOTTOM;
        final StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\">%n",
            WIDTH, HEIGHT))
            .append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"22\" style=\"font-size:15px;font-weight:bold\">%s</text>%n", LEFT, escape(title)));
        for (int nines = 0; nines <= MAX_NINES; nines++)
        {
            final double x = LEFT + plotWidth * nines / MAX_NINES;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n", x, TOP, x, TOP + plotHeight))
                .append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, TOP + plotHeight + 18, percentileLabel(nines)));
        }
        for (int decade = 0; decade <= decades; decade++)
        {
            final double value = yMin * Math.pow(10, decade);
            final double y = TOP + plotHeight - plotHeight * decade / decades;
            svg.append(String.format(Locale.ROOT,
                "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", LEFT, y, LEFT + plotWidth, y))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n",
                LEFT - 6, y + 4, nanos(value)));
        }
        svg.append(String.format(Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">percentile (latency on a log scale)</text>%n", LEFT +
            plotWidth / 2, HEIGHT - 8));
        int colour = 0;
        for (final Map.Entry<String, double[]> entry : curves.entrySet())
        {
            final String stroke = COLOURS[colour % COLOURS.length];
            final double[] curve = entry.getValue();
            final List<String> points = new ArrayList<>();
            for (int i = 0; i < LEVELS.length; i++)
            {
                final double nines = Math.min(MAX_NINES, Math.log10(100 / (100 - LEVELS[i])));
                final double x = LEFT + plotWidth * nines / MAX_NINES;
                final double y = TOP + plotHeight - plotHeight * Math.log10(Math.max(yMin, curve[i]) / yMin) / decades;
                points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            svg.append(String.format(Locale.ROOT,
                "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", stroke,
                String.join(" ", points)));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n",
                LEFT + plotWidth + 12, TOP + 16 + 54 * colour, stroke, escape(entry.getKey())))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">p50 %s, p99 %s</text>%n",
                    LEFT + plotWidth + 12, TOP + 32 + 54 * colour, stroke, nanos(at(curve, 50)), nanos(at(curve, 99))))
                .append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">p99.9 %s</text>%n",
                    LEFT + plotWidth + 12, TOP + 48 + 54 * colour, stroke, nanos(at(curve, 99.9))));
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
