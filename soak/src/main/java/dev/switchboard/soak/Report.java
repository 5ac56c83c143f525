package dev.switchboard.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The soak's report, in Markdown: the verdict first, then what each client saw, the server's memory, log and stop. */
final class Report {

    private Report() {}

    /**
     * @param result what the soak saw
     * @return the report
     */
    static String render(SoakResult result) {
        List<String> reasons = Verdict.reasons(result);
        StringBuilder out = new StringBuilder("# Switchboard soak\n\n");
        out.append("Verdict: **").append(reasons.isEmpty() ? "PASS" : "FAIL").append("**\n");
        reasons.forEach(reason -> out.append("\n- ").append(reason));
        out.append(reasons.isEmpty() ? "" : "\n").append('\n');

        SoakSettings settings = result.settings();
        SoakResult.Machine machine = result.machine();
        out.append("| run | |\n|---|---|\n")
                .append(row("traffic", seconds(result.ran().toMillis()) + " of " + settings.duration().toSeconds() + " s asked"))
                .append(row("server", "one process, heap " + settings.heap() + " (-Xms = -Xmx, pre-touched), " + ServerConfig.LOOPS
                        + " loops per endpoint, limits at their defaults"))
                .append(row("never-reading clients", Integer.toString(settings.neverReaders())))
                .append(row("server log", settings.directory().resolve("soak-server.log").toString()))
                .append(row("machine", machine.processors() + " processors, Java " + machine.java()))
                .append(row("load average (1, 5, 15 min)", "before " + machine.loadBefore() + ", after " + machine.loadAfter()))
                .append('\n');

        out.append("## Clients\n\n")
                .append("| client kind | endpoints | connections (UDP: sockets) | requests | replies | failures | refused (closed on us) | UDP lost | UDP late |\n")
                .append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Tally.Counts c : result.clients()) {
            boolean udp = c.wellBehaved() && c.endpoints().equals("udp");
            out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s | %s |%n", c.kind(), c.endpoints(),
                    c.connections(), c.requests(), c.replies(), c.failures(), c.refusals(),
                    udp ? String.format(Locale.ROOT, "%d (%.2f%%)", c.lost(), Verdict.lossPercent(c)) : "",
                    udp ? Long.toString(c.late()) : ""));
        }
        if (!result.failures().isEmpty()) {
            out.append("\nThe first failures of each kind:\n");
            result.failures().forEach((kind, messages) -> {
                out.append("\n- ").append(kind).append(':');
                messages.forEach(message -> out.append("\n  - ").append(message));
            });
            out.append('\n');
        }

        out.append("\n## Server memory (VmRSS, one sample a second)\n\n");
        List<Long> kib = result.rss().stream().map(Rss.Sample::kib).toList();
        if (kib.isEmpty()) {
            out.append("No samples.\n");
        } else {
            out.append(String.format(Locale.ROOT, "%d samples: min %.1f MiB, median %.1f MiB, max %.1f MiB.%n", kib.size(),
                    Verdict.mib(kib.stream().mapToLong(Long::longValue).min().orElseThrow()),
                    Verdict.mib(RssVerdict.median(kib)),
                    Verdict.mib(kib.stream().mapToLong(Long::longValue).max().orElseThrow())));
        }
        result.rssVerdict().ifPresent(rss -> out.append(String.format(Locale.ROOT,
                "After warm-up: median %.1f MiB at %d-%d s (%d samples), %.1f MiB at %d-%d s (%d samples): %+.1f MiB, %.1f MiB allowed.%n",
                Verdict.mib(rss.baseline().medianKib()), rss.baseline().from(), rss.baseline().to(), rss.baseline().samples(),
                Verdict.mib(rss.last().medianKib()), rss.last().from(), rss.last().to(), rss.last().samples(),
                Verdict.mib(rss.growthKib()), Verdict.mib(rss.allowedKib()))));
        if (!kib.isEmpty()) {
            out.append("\nEvery 10th sample, MiB: ").append(everyTenth(result.rss())).append('\n');
        }

        SoakResult.LogSummary log = result.log();
        out.append("\n## Server log\n\nLines by level: ").append(log.levels().isEmpty() ? "none" : log.levels().toString())
                .append("; lines saying it is broken: ").append(log.alarmCount()).append('\n');
        log.alarms().forEach(alarm -> out.append("\n    ").append(alarm));
        out.append(log.alarms().isEmpty() ? "" : "\n");
        if (!log.finalCounts().isEmpty()) {
            out.append("\nEach endpoint's final counts, as the server logged them on stopping:\n\n");
            for (Map.Entry<String, String> entry : log.finalCounts().entrySet()) {
                out.append("- ").append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
            }
        }

        out.append("\n## Stop\n\n");
        result.died().ifPresent(death -> out.append("The server died ").append(death.second())
                .append(" s into the soak, with exit code ").append(death.exitCode()).append(".\n"));
        result.stop().ifPresent(stop -> out.append(stop.exited()
                ? "SIGTERM: exit code " + stop.exitCode() + " after " + stop.took().toMillis() + " ms (shutdown grace "
                        + ServerConfig.SHUTDOWN_GRACE.toSeconds() + " s).\n"
                : "SIGTERM: still running after " + stop.took().toMillis() + " ms; killed.\n"));
        return out.toString();
    }

    private static String row(String name, String value) {
        return "| " + name + " | " + value + " |\n";
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private static String everyTenth(List<Rss.Sample> samples) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < samples.size(); i += 10) {
            values.add(String.format(Locale.ROOT, "%.0f", Verdict.mib(samples.get(i).kib())));
        }
        return String.join(" ", values);
    }
}
