package dev.switchboard.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A healthy three-minute soak's result, to change one thing of for a test. */
final class ResultBuilder {

    private static final Duration DURATION = Duration.ofMinutes(3);

    private final List<Tally.Counts> clients = new ArrayList<>(List.of(
            new Tally.Counts("well-behaved tcp-line", "tcp-line", true, 4, 30_000, 30_000, 0, 0, 0, 0),
            new Tally.Counts("well-behaved udp", "udp", true, 4, 30_000, 29_990, 0, 0, 10, 2),
            new Tally.Counts("slowloris", "tcp-raw, tcp-line, tcp-length-prefixed", false, 360, 360, 0, 0, 300, 0, 0)));
    private final Map<String, List<String>> failures = new LinkedHashMap<>();
    private List<Rss.Sample> rss = flat(100 * 1024);
    private Optional<SoakResult.Death> died = Optional.empty();
    private Optional<ServerProcess.Stop> stop = Optional.of(new ServerProcess.Stop(true, 0, Duration.ofMillis(5_300)));
    private List<String> alarms = List.of();
    private boolean clientsStopped = true;

    static List<Rss.Sample> flat(long kib) {
        List<Rss.Sample> samples = new ArrayList<>();
        for (long second = 0; second < DURATION.toSeconds(); second++) {
            samples.add(new Rss.Sample(second, kib));
        }
        return samples;
    }

    ResultBuilder client(Tally.Counts counts) {
        clients.add(counts);
        return this;
    }

    ResultBuilder failure(String kind, String... messages) {
        failures.put(kind, List.of(messages));
        return this;
    }

    ResultBuilder rss(List<Rss.Sample> samples) {
        rss = samples;
        return this;
    }

    ResultBuilder died(int exitCode, long second) {
        died = Optional.of(new SoakResult.Death(exitCode, second));
        stop = Optional.empty();
        rss = rss.subList(0, (int) second);
        return this;
    }

    ResultBuilder stop(ServerProcess.Stop how) {
        stop = Optional.of(how);
        return this;
    }

    ResultBuilder alarms(String... lines) {
        alarms = List.of(lines);
        return this;
    }

    ResultBuilder clientsDidNotStop() {
        clientsStopped = false;
        return this;
    }

    SoakResult build() {
        return new SoakResult(new SoakSettings(DURATION, "48m", 300, Path.of("dist"), Path.of("target")), DURATION,
                List.copyOf(clients), failures, rss, died.isPresent() ? Optional.empty() : RssVerdict.judge(rss, DURATION),
                died, clientsStopped, stop,
                new SoakResult.LogSummary(Map.of("INFO", 9L, "WARNING", 70L), alarms.size(), alarms,
                        Map.of("tcp-line", "161507 requests, 161507 replies, 588 refusals (frame-timeout 100)")),
                new SoakResult.Machine("3.10, 2.50, 2.00", "3.20, 2.60, 2.10", 2, "17.0.15"));
    }
}
