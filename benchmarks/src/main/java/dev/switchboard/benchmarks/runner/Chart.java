package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.runner.Measurements.Summary;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The comparison as an SVG bar chart: for each workload, one bar per server for throughput and
 * one for p99 latency. Workloads differ by orders of magnitude, so each group of bars is scaled to
 * its own largest value, and every bar is labelled with its absolute value.
 */
final class Chart {

    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd"};
    private static final int LABEL_WIDTH = 190;
    private static final int BAR_SPACE = 260;
    private static final int VALUE_WIDTH = 80;
    private static final int PANEL_WIDTH = BAR_SPACE + VALUE_WIDTH;
    private static final int BAR_HEIGHT = 9;
    private static final int BAR_GAP = 2;
    private static final int GROUP_GAP = 10;
    private static final int TOP = 58;

    private final List<Scenario> scenarios;
    private final List<Contender> contenders;
    private final Measurements measurements;
    private final StringBuilder svg = new StringBuilder();

    Chart(List<Scenario> scenarios, List<Contender> contenders, Measurements measurements) {
        this.scenarios = scenarios.stream().filter(s -> !s.isIdle()).toList();
        this.contenders = contenders;
        this.measurements = measurements;
    }

    /** @return the SVG document */
    String svg() {
        svg.setLength(0);
        int groupHeight = contenders.size() * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP;
        int width = LABEL_WIDTH + 2 * PANEL_WIDTH + 20;
        int height = TOP + scenarios.size() * groupHeight + 10;
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        text(LABEL_WIDTH, 16, "Throughput, msg/s (longer is better)", "bold", "start");
        text(LABEL_WIDTH + PANEL_WIDTH + 10, 16, "p99 latency, µs (shorter is better)", "bold", "start");
        for (int i = 0; i < contenders.size(); i++) {
            int x = LABEL_WIDTH + i * 130;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"28\" width=\"12\" height=\"10\" fill=\"%s\"/>%n",
                    x, COLORS[i % COLORS.length]));
            text(x + 16, 37, contenders.get(i).title(), "normal", "start");
        }
        text(LABEL_WIDTH + contenders.size() * 130, 37, "(each workload's bars scaled to its largest value)", "normal",
                "start");
        for (int g = 0; g < scenarios.size(); g++) {
            Scenario scenario = scenarios.get(g);
            int y = TOP + g * groupHeight;
            text(LABEL_WIDTH - 8, y + groupHeight / 2 - 2, scenario.name(), "normal", "end");
            group(scenario, LABEL_WIDTH, y, Summary::throughput, v -> String.format(Locale.ROOT, "%,.0f", v));
            group(scenario, LABEL_WIDTH + PANEL_WIDTH + 10, y, Summary::p99,
                    v -> String.format(Locale.ROOT, v < 100 ? "%.1f" : "%,.0f", v));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private void group(Scenario scenario, int x, int y, Function<Summary, Spread> value, Function<Double, String> label) {
        double largest = 0;
        for (Contender c : contenders) {
            largest = Math.max(largest, median(scenario, c, value).orElse(0.0));
        }
        for (int i = 0; i < contenders.size(); i++) {
            int barY = y + i * (BAR_HEIGHT + BAR_GAP);
            Optional<Double> v = median(scenario, contenders.get(i), value);
            if (v.isEmpty() || largest <= 0) {
                text(x + 2, barY + BAR_HEIGHT - 1, "n/a", "normal", "start");
                continue;
            }
            int length = (int) Math.max(1, Math.round(BAR_SPACE * v.get() / largest));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    x, barY, length, BAR_HEIGHT, COLORS[i % COLORS.length]));
            text(x + length + 4, barY + BAR_HEIGHT - 1, label.apply(v.get()), "normal", "start");
        }
    }

    private Optional<Double> median(Scenario scenario, Contender contender, Function<Summary, Spread> value) {
        return measurements.summary(scenario, contender).map(s -> value.apply(s).median());
    }

    private void text(int x, int y, String content, String weight, String anchor) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"%s\" text-anchor=\"%s\">%s</text>%n",
                x, y, weight, anchor, escape(content)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
