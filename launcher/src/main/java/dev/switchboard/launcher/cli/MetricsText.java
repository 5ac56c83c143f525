package dev.switchboard.launcher.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The samples of Prometheus's text exposition format (version 0.0.4, and OpenMetrics text, whose
 * samples read the same): {@code name{label="value",...} value [timestamp]}, comments skipped.
 */
final class MetricsText {

    /**
     * One sample.
     *
     * @param name the sample's name, such as {@code switchboard_requests_total}
     * @param labels its labels in order
     * @param value its value
     */
    record Sample(String name, Map<String, String> labels, double value) {

        /** Copies the labels. */
        Sample {
            labels = Map.copyOf(labels);
        }

        /** @return the label's value, or {@code ""} as Prometheus reads a missing label */
        String label(String label) {
            return labels.getOrDefault(label, "");
        }
    }

    private final String text;
    private int at;
    private int lineNumber;

    private MetricsText(String text) {
        this.text = text;
    }

    /**
     * @param text the exposition
     * @return every sample, in order
     * @throws IllegalArgumentException naming the line that is not a sample
     */
    static List<Sample> parse(String text) {
        return new MetricsText(text).samples();
    }

    private List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            lineNumber++;
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(sample(trimmed));
            }
        }
        return samples;
    }

    private Sample sample(String line) {
        at = 0;
        int nameEnd = 0;
        while (nameEnd < line.length() && isNameCharacter(line.charAt(nameEnd), nameEnd)) {
            nameEnd++;
        }
        if (nameEnd == 0) {
            throw malformed("a metric name");
        }
        String name = line.substring(0, nameEnd);
        at = nameEnd;
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            labels(line, labels);
        }
        String[] rest = line.substring(at).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw malformed("a value (and optionally a timestamp) after the name and labels");
        }
        return new Sample(name, labels, value(rest[0]));
    }

    private void labels(String line, Map<String, String> labels) {
        while (true) {
            skipSpaces(line);
            if (at < line.length() && line.charAt(at) == '}') {
                at++;
                return;
            }
            int start = at;
            while (at < line.length() && isNameCharacter(line.charAt(at), at - start) && line.charAt(at) != ':') {
                at++;
            }
            String label = line.substring(start, at);
            skipSpaces(line);
            if (label.isEmpty() || !line.startsWith("=\"", at)) {
                throw malformed("label=\"value\"");
            }
            at += 2;
            labels.put(label, quoted(line));
            skipSpaces(line);
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            } else if (at >= line.length() || line.charAt(at) != '}') {
                throw malformed("',' or '}' after a label");
            }
        }
    }

    private String quoted(String line) {
        StringBuilder value = new StringBuilder();
        while (at < line.length()) {
            char c = line.charAt(at++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\' && at < line.length()) {
                char escaped = line.charAt(at++);
                value.append(escaped == 'n' ? '\n' : escaped);
            } else {
                value.append(c);
            }
        }
        throw malformed("a closing quote");
    }

    private double value(String value) {
        switch (value) {
            case "+Inf", "Inf" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-Inf" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "NaN" -> {
                return Double.NaN;
            }
            default -> {
                try {
                    return Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw malformed("a number, got '" + value + "'");
                }
            }
        }
    }

    private void skipSpaces(String line) {
        while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
            at++;
        }
    }

    private static boolean isNameCharacter(char c, int index) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || index > 0 && c >= '0' && c <= '9';
    }

    private IllegalArgumentException malformed(String expected) {
        return new IllegalArgumentException("line " + lineNumber + " is not Prometheus text: expected " + expected);
    }
}
