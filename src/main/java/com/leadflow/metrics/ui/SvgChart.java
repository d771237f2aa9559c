package com.leadflow.metrics.ui;

import java.util.List;
import java.util.Locale;

/**
 * Small, dependency-free SVG charts rendered on the server: a funnel, horizontal bars and trend lines. Colours
 * come from CSS classes (styles.css, Lumo variables), so light and dark themes both read well; every mark carries
 * its number as a {@code <title>} (hover) and, where there is room, as a label.
 */
final class SvgChart {

    static final int WIDTH = 640;
    private static final int ROW = 30;
    private static final int LABEL_WIDTH = 190;

    /** One bar: its label, its value, the number shown beside it, the hover text and an optional link. */
    record Bar(String label, double value, String valueLabel, String title, String href) {
    }

    /** One trend line; null values are gaps (no data for that bucket, e.g. a rate without a denominator). */
    record Series(String name, List<Double> values) {
    }

    private SvgChart() {
    }

    /** A centred funnel: each stage's bar as wide as its count relative to the largest; bars link to a drill-down. */
    static String funnel(List<Bar> bars, String ariaLabel) {
        int height = bars.size() * ROW + 10;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int area = WIDTH - LABEL_WIDTH - 70;
        StringBuilder svg = open(height, ariaLabel, "metrics-chart metrics-funnel");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 5 + i * ROW;
            double w = max == 0 ? 0 : Math.max(bar.value() > 0 ? 2 : 0, area * bar.value() / max);
            double x = LABEL_WIDTH + (area - w) / 2;
            svg.append("<g class=\"metrics-mark\">");
            if (bar.href() != null) {
                svg.append("<a href=\"").append(escape(bar.href())).append("\">");
            }
            svg.append("<title>").append(escape(bar.title())).append("</title>");
            text(svg, LABEL_WIDTH - 8, y + 19, "end", "metrics-label", bar.label());
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"metrics-bar metrics-bar-%d\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\"/>",
                    i % 2, x, y + 3, w, ROW - 6));
            text(svg, LABEL_WIDTH + area + 8, y + 19, "start", "metrics-value", bar.valueLabel());
            if (bar.href() != null) {
                svg.append("</a>");
            }
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Horizontal bars from a common baseline, for comparing groups (sources, channels, campaigns). */
    static String bars(List<Bar> bars, String ariaLabel) {
        int height = bars.size() * ROW + 10;
        double max = bars.stream().mapToDouble(Bar::value).max().orElse(0);
        int area = WIDTH - LABEL_WIDTH - 90;
        StringBuilder svg = open(height, ariaLabel, "metrics-chart metrics-bars");
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = 5 + i * ROW;
            double w = max <= 0 ? 0 : Math.max(bar.value() > 0 ? 2 : 0, area * bar.value() / max);
            svg.append("<g class=\"metrics-mark\"><title>").append(escape(bar.title())).append("</title>");
            text(svg, LABEL_WIDTH - 8, y + 19, "end", "metrics-label", bar.label());
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"metrics-bar metrics-bar-0\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"3\"/>",
                    LABEL_WIDTH, y + 3, w, ROW - 6));
            text(svg, LABEL_WIDTH + w + 6, y + 19, "start", "metrics-value", bar.valueLabel());
            svg.append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Lines over buckets on a shared y axis from 0 to the largest value; {@code format} turns an axis or point
     * value into its label (e.g. a percentage).
     */
    static String lines(List<String> buckets, List<Series> series, String ariaLabel,
                        java.util.function.DoubleFunction<String> format) {
        int height = 250;
        int left = 52, right = 16, top = 28, bottom = 34;
        int plotW = WIDTH - left - right, plotH = height - top - bottom;
        double max = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).max().orElse(0);
        double top0 = max <= 0 ? 1 : niceCeiling(max);
        StringBuilder svg = open(height, ariaLabel, "metrics-chart metrics-lines");
        for (int g = 0; g <= 4; g++) {
            double value = top0 * g / 4;
            double y = top + plotH - plotH * g / 4.0;
            svg.append(String.format(Locale.ROOT, "<line class=\"metrics-grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
                    left, WIDTH - right, y, y));
            text(svg, left - 6, y + 4, "end", "metrics-axis", format.apply(value));
        }
        int n = buckets.size();
        double step = n <= 1 ? 0 : (double) plotW / (n - 1);
        int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
        for (int i = 0; i < n; i += labelEvery) {
            text(svg, left + (n <= 1 ? plotW / 2.0 : i * step), height - 12, "middle", "metrics-axis", buckets.get(i));
        }
        for (int s = 0; s < series.size(); s++) {
            Series line = series.get(s);
            StringBuilder path = new StringBuilder();
            StringBuilder points = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < n && i < line.values().size(); i++) {
                Double v = line.values().get(i);
                if (v == null) {
                    pen = false;
                    continue;
                }
                double x = left + (n <= 1 ? plotW / 2.0 : i * step);
                double y = top + plotH - plotH * v / top0;
                path.append(String.format(Locale.ROOT, "%s%.1f %.1f ", pen ? "L" : "M", x, y));
                pen = true;
                points.append(String.format(Locale.ROOT,
                        "<circle class=\"metrics-point metrics-series-%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\"><title>%s</title></circle>",
                        s, x, y, escape(line.name() + " · " + buckets.get(i) + ": " + format.apply(v))));
            }
            if (!path.isEmpty()) {
                svg.append("<path class=\"metrics-line metrics-series-").append(s).append("\" d=\"")
                        .append(path.toString().trim()).append("\"/>");
            }
            svg.append(points);
            // legend along the top
            int lx = left + s * 180;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"metrics-legend metrics-series-%d\" x=\"%d\" y=\"6\" width=\"12\" height=\"12\" rx=\"2\"/>", s, lx));
            text(svg, lx + 18, 16, "start", "metrics-label", line.name());
        }
        return svg.append("</svg>").toString();
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above the value, so axis steps are round numbers. */
    static double niceCeiling(double value) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double f : new double[]{1, 2, 2.5, 5, 10}) {
            if (f * magnitude >= value - 1e-12) {
                return f * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static StringBuilder open(int height, String ariaLabel, String cssClass) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">",
                cssClass, WIDTH, height, escape(ariaLabel)));
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String cssClass, String text) {
        svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", cssClass, x,
                y, anchor)).append(escape(text)).append("</text>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
