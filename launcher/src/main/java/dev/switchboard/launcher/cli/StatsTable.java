package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.cli.MetricsText.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Arrays;
import java.util.Comparator;

/** The switchboard counters of a {@code /metrics} exposition as a table, one row per endpoint. */
final class StatsTable {

    /**
     * One column: a title and the metric it sums.
     *
     * @param title the column's title
     * @param metric the sample name
     * @param byReason whether the metric has a sample per reason, and so none while nothing happened
     */
    private record Column(String title, String metric, boolean byReason) {

        Column(String title, String metric) {
            this(title, metric, false);
        }
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("REQUESTS", "switchboard_requests_total"),
            new Column("REPLIES", "switchboard_replies_total"),
            new Column("BYTES IN", "switchboard_bytes_received_total"),
            new Column("BYTES OUT", "switchboard_bytes_sent_total"),
            new Column("REFUSALS", "switchboard_refusals_total", true),
            new Column("FAILURES", "switchboard_service_failures_total"),
            new Column("OPEN", "switchboard_connections_open"),
            new Column("KERNEL DROPS", "switchboard_kernel_drops_total"));
    private static final String REFUSALS = "switchboard_refusals_total";

    private StatsTable() {}

    /**
     * @param samples every sample of the exposition
     * @return the table, then the refusals by reason if there are any; a cell is {@code -} where
     *     the endpoint's transport has no such metric (open connections of UDP, say), and refusals
     *     are 0 where no reason has a sample
     */
    static String render(List<Sample> samples) {
        List<Sample> ours = samples.stream().filter(sample -> !sample.label("endpoint").isEmpty()
                && COLUMNS.stream().anyMatch(column -> column.metric().equals(sample.name()))).toList();
        Map<String, String> transports = new TreeMap<>();
        ours.forEach(sample -> transports.putIfAbsent(sample.label("endpoint"), sample.label("transport")));
        if (transports.isEmpty()) {
            return "no endpoint reports any switchboard_ metric\n";
        }
        List<String> header = new ArrayList<>(List.of("ENDPOINT", "TRANSPORT"));
        COLUMNS.forEach(column -> header.add(column.title()));
        boolean[] numeric = new boolean[header.size()];
        Arrays.fill(numeric, 2, numeric.length, true);
        Table table = new Table(header, numeric);
        transports.forEach((endpoint, transport) -> {
            List<String> row = new ArrayList<>(List.of(endpoint, transport));
            COLUMNS.forEach(column -> row.add(sum(ours, endpoint, column)));
            table.add(row);
        });
        return table.render() + refusalsByReason(ours);
    }

    private static String sum(List<Sample> samples, String endpoint, Column column) {
        List<Sample> matching = samples.stream()
                .filter(sample -> sample.name().equals(column.metric()) && sample.label("endpoint").equals(endpoint))
                .toList();
        if (matching.isEmpty()) {
            return column.byReason() ? "0" : "-";
        }
        return number(matching.stream().mapToDouble(Sample::value).sum());
    }

    private static String refusalsByReason(List<Sample> samples) {
        Table table = new Table(List.of("ENDPOINT", "REASON", "REFUSALS"), false, false, true);
        samples.stream()
                .filter(sample -> sample.name().equals(REFUSALS) && sample.value() != 0)
                .sorted(Comparator.comparing((Sample sample) -> sample.label("endpoint"))
                        .thenComparing(sample -> sample.label("reason")))
                .forEach(sample -> table.add(List.of(sample.label("endpoint"), sample.label("reason"), number(sample.value()))));
        return table.isEmpty() ? "" : "\n" + table.render();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
