package dev.switchboard.benchmarks.load;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one load run measured.
 *
 * @param label the server's name, such as {@code netty-epoll}
 * @param spec the run
 * @param seconds the measured time
 * @param messages replies received and verified in that time (connections, for churn)
 * @param bytes the bytes of those replies
 * @param latency from send (open loop: from the intended send) to the reply's last byte
 * @param sendLag open loop: how long after their intended times requests left, whether because the
 *     client woke up late or because the previous reply on the connection was late; zeros in closed loop
 * @param lost UDP datagrams unanswered within the timeout
 * @param late UDP replies that arrived after their datagram counted as lost
 * @param held idle workload: connections held open at once
 * @param serverRssKiB idle workload: the server's resident memory holding them, after a full GC; -1 = not read
 * @param serverBaselineRssKiB idle workload: the same before the connections were opened; -1 = not read
 * @param client the load generator that measured it: {@code java} or {@code native}
 */
public record Result(
        String label,
        LoadSpec spec,
        double seconds,
        long messages,
        long bytes,
        Latency latency,
        Latency sendLag,
        long lost,
        long late,
        int held,
        long serverRssKiB,
        long serverBaselineRssKiB,
        String client) {

    /** The Java load generator's name in {@link #client}. */
    public static final String JAVA = "java";
    /** The native (C) load generator's name in {@link #client}. */
    public static final String NATIVE = "native";

    private static final Pattern JSON_MEMBER =
            Pattern.compile("\\s*\"([A-Za-z0-9]+)\"\\s*:\\s*(\"[^\"\\\\]*\"|-?[0-9]+(?:\\.[0-9]+)?)\\s*(,|$)");

    /**
     * Latency percentiles in microseconds.
     *
     * @param p50 the median
     * @param p99 the 99th percentile
     * @param p999 the 99.9th percentile
     * @param max the largest
     */
    public record Latency(double p50, double p99, double p999, double max) {}

    /** @return replies (or connections, for churn) per second */
    public double messagesPerSecond() {
        return seconds > 0 ? messages / seconds : 0;
    }

    /** @return megabytes (10^6 bytes) of replies per second */
    public double megabytesPerSecond() {
        return seconds > 0 ? bytes / seconds / 1e6 : 0;
    }

    /** @return one JSON object on one line */
    public String toJson() {
        return String.format(Locale.ROOT, "{\"label\":\"%s\",\"workload\":\"%s\",\"connections\":%d,\"size\":%d,"
                        + "\"depth\":%d,\"rate\":%.0f,\"seconds\":%.3f,\"messages\":%d,\"bytes\":%d,"
                        + "\"messagesPerSecond\":%.1f,\"megabytesPerSecond\":%.3f,\"p50Us\":%.1f,\"p99Us\":%.1f,"
                        + "\"p999Us\":%.1f,\"maxUs\":%.1f,\"sendLagP50Us\":%.1f,\"sendLagP99Us\":%.1f,"
                        + "\"lost\":%d,\"late\":%d,\"held\":%d,"
                        + "\"serverRssKiB\":%d,\"serverBaselineRssKiB\":%d,\"client\":\"%s\"}",
                label.replace("\"", "'"), spec.workload(), spec.connections(), spec.size(), spec.depth(), spec.rate(),
                seconds, messages, bytes, messagesPerSecond(), megabytesPerSecond(),
                latency.p50(), latency.p99(), latency.p999(), latency.max(), sendLag.p50(), sendLag.p99(),
                lost, late, held, serverRssKiB, serverBaselineRssKiB, client);
    }

    /**
     * Reads what {@link #toJson()} writes, as the native load generator prints it too.
     *
     * @param json one JSON object of string and number members, on one line
     * @param spec the run it measured, whose workload and shape the JSON must name
     * @return the result
     * @throws IllegalArgumentException if the text is no such object, lacks a member, or names another run
     */
    public static Result fromJson(String json, LoadSpec spec) {
        Map<String, String> members = members(json);
        String workload = text(members, "workload");
        if (!workload.equals(spec.workload().toString()) || number(members, "connections") != spec.connections()
                || number(members, "size") != spec.size() || number(members, "depth") != spec.depth()
                || Math.round(number(members, "rate")) != Math.round(spec.rate())) {
            throw new IllegalArgumentException("the result is of another run (" + workload + " c="
                    + members.get("connections") + " d=" + members.get("depth") + " s=" + members.get("size")
                    + " rate=" + members.get("rate") + ") than " + spec.describe() + ": " + json);
        }
        return new Result(text(members, "label"), spec, number(members, "seconds"),
                (long) number(members, "messages"), (long) number(members, "bytes"),
                new Latency(number(members, "p50Us"), number(members, "p99Us"), number(members, "p999Us"),
                        number(members, "maxUs")),
                new Latency(number(members, "sendLagP50Us"), number(members, "sendLagP99Us"), 0, 0),
                (long) number(members, "lost"), (long) number(members, "late"), (int) number(members, "held"),
                (long) number(members, "serverRssKiB"), (long) number(members, "serverBaselineRssKiB"),
                text(members, "client"));
    }

    private static Map<String, String> members(String json) {
        String body = json.strip();
        if (!body.startsWith("{") || !body.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + json);
        }
        body = body.substring(1, body.length() - 1);
        Map<String, String> members = new HashMap<>();
        Matcher m = JSON_MEMBER.matcher(body);
        int at = 0;
        while (at < body.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("unreadable JSON at \"" + body.substring(at) + "\": " + json);
            }
            members.put(m.group(1), m.group(2));
            at = m.end();
        }
        return members;
    }

    private static String text(Map<String, String> members, String name) {
        String value = required(members, name);
        if (!value.startsWith("\"")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a string: " + value);
        }
        return value.substring(1, value.length() - 1);
    }

    private static double number(Map<String, String> members, String name) {
        String value = required(members, name);
        if (value.startsWith("\"")) {
            throw new IllegalArgumentException("\"" + name + "\" is not a number: " + value);
        }
        return Double.parseDouble(value);
    }

    private static String required(Map<String, String> members, String name) {
        String value = members.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the result has no \"" + name + "\"");
        }
        return value;
    }

    /** @return one line for people */
    public String toLine() {
        String line = String.format(Locale.ROOT,
                "%-12s %-36s %,12.0f msg/s %9.2f MB/s  p50 %8.1f us  p99 %8.1f us  p99.9 %8.1f us  max %9.1f us",
                label, spec.describe(), messagesPerSecond(), megabytesPerSecond(),
                latency.p50(), latency.p99(), latency.p999(), latency.max());
        if (spec.rate() > 0) {
            line += String.format(Locale.ROOT, "  sent late p50 %.1f us p99 %.1f us", sendLag.p50(), sendLag.p99());
        }
        if (spec.workload() == Workload.UDP_PINGPONG) {
            line += String.format(Locale.ROOT, "  lost %d  late %d", lost, late);
        }
        if (spec.workload() == Workload.TCP_IDLE) {
            line += String.format(Locale.ROOT, "  held %,d  server RSS %,d KiB (before: %,d KiB)",
                    held, serverRssKiB, serverBaselineRssKiB);
        }
        return line + "  (" + client + ")";
    }
}
