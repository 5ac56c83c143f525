package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.Result;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** What a comparison measured: each scenario's results per server over the rounds, and failures. */
final class Measurements {

    /**
     * One server's results in one scenario, summarised over rounds.
     *
     * @param rounds how many rounds succeeded
     * @param throughput replies (connections, for churn) per second
     * @param megabytes megabytes of replies per second
     * @param p50 median latency, µs
     * @param p99 99th percentile latency, µs
     * @param p999 99.9th percentile latency, µs
     * @param sendLagP50 open loop: the median delay of requests behind their intended send times, µs
     * @param sendLagP99 open loop: the 99th percentile of that delay, µs
     * @param lost UDP datagrams lost per round
     * @param rssKiB idle workload: resident memory holding the connections
     * @param baselineRssKiB idle workload: resident memory before them
     */
    record Summary(int rounds, Spread throughput, Spread megabytes, Spread p50, Spread p99, Spread p999,
            Spread sendLagP50, Spread sendLagP99, Spread lost, Spread rssKiB, Spread baselineRssKiB) {

        static Summary of(List<Result> results) {
            return new Summary(results.size(),
                    Spread.of(results, Result::messagesPerSecond),
                    Spread.of(results, Result::megabytesPerSecond),
                    Spread.of(results, r -> r.latency().p50()),
                    Spread.of(results, r -> r.latency().p99()),
                    Spread.of(results, r -> r.latency().p999()),
                    Spread.of(results, r -> r.sendLag().p50()),
                    Spread.of(results, r -> r.sendLag().p99()),
                    Spread.of(results, Result::lost),
                    Spread.of(results, Result::serverRssKiB),
                    Spread.of(results, Result::serverBaselineRssKiB));
        }
    }

    private final Map<String, Map<String, SortedMap<Integer, Result>>> results = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> failures = new LinkedHashMap<>();
    private final Map<String, Map<String, SortedMap<Integer, ServerProfile>>> profiles = new LinkedHashMap<>();
    private final Map<String, Map<String, ServerProfile>> syscalls = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> syscallFailures = new LinkedHashMap<>();
    private final Map<String, List<Long>> startUps = new LinkedHashMap<>();
    private final Map<String, String> startFailures = new LinkedHashMap<>();

    /** Records one start of the server: nanoseconds from its fork and exec to its TCP port accepting. */
    void started(Contender contender, long nanos) {
        startUps.computeIfAbsent(contender.name(), k -> new ArrayList<>()).add(nanos);
    }

    /** Records why a start of the server failed; the latest failure is kept. */
    void startFailed(Contender contender, String why) {
        startFailures.put(contender.name(), why);
    }

    /** @return the server's start-up times in milliseconds, if any start succeeded */
    Optional<Spread> startUp(Contender contender) {
        List<Long> nanos = startUps.get(contender.name());
        return nanos == null ? Optional.empty() : Optional.of(Spread.of(nanos, n -> n / 1e6));
    }

    /** @return how many starts of the server succeeded */
    int starts(Contender contender) {
        return startUps.getOrDefault(contender.name(), List.of()).size();
    }

    /** @return why the server's last failed start failed, if one did */
    Optional<String> startFailure(Contender contender) {
        return Optional.ofNullable(startFailures.get(contender.name()));
    }

    /** Records the result of the server's run in the scenario in the given round. */
    void add(int round, Scenario scenario, Contender contender, Result result) {
        results.computeIfAbsent(scenario.name(), k -> new LinkedHashMap<>())
                .computeIfAbsent(contender.name(), k -> new TreeMap<>())
                .put(round, result);
    }

    /** Records what the server's run in the scenario in the given round cost it. */
    void cpu(int round, Scenario scenario, Contender contender, ServerProfile profile) {
        profiles.computeIfAbsent(scenario.name(), k -> new LinkedHashMap<>())
                .computeIfAbsent(contender.name(), k -> new TreeMap<>())
                .put(round, profile);
    }

    /** @return the server's CPU µs per request over the rounds, if any run was sampled */
    Optional<Spread> cpuMicros(Scenario scenario, Contender contender) {
        return profileSpread(scenario, contender, ServerProfile::cpuMicros);
    }

    /** @return of the server's CPU µs per request, those in the kernel, over the rounds */
    Optional<Spread> systemMicros(Scenario scenario, Contender contender) {
        return profileSpread(scenario, contender, ServerProfile::systemMicros);
    }

    /** @return of the server's CPU µs per request, those of the JIT compiler's threads, over the rounds */
    Optional<Spread> compilerMicros(Scenario scenario, Contender contender) {
        return profileSpread(scenario, contender, ServerProfile::compilerMicros);
    }

    private Optional<Spread> profileSpread(Scenario scenario, Contender contender, ToDoubleFunction<ServerProfile> value) {
        SortedMap<Integer, ServerProfile> runs = profiles(scenario, contender);
        return runs.isEmpty() ? Optional.empty() : Optional.of(Spread.of(List.copyOf(runs.values()), value));
    }

    /**
     * A ratio of two servers' values in the scenario, taken round by round: within a round the
     * servers run one after the other, seconds apart, so each round's ratio cancels what the
     * machine's state (other tenants, frequency, the host's scheduler) did to both in that round.
     *
     * @return over the rounds in which both servers' runs succeeded, the spread of {@code a}'s value
     *     divided by {@code b}'s; empty if there is no such round or {@code b}'s value is zero in one
     */
    Optional<Spread> ratio(Scenario scenario, Contender a, Contender b, ToDoubleFunction<Result> value) {
        return pairedRatio(results(scenario, a), results(scenario, b), value);
    }

    /** @return the spread over rounds of {@code a}'s CPU per request divided by {@code b}'s, as {@link #ratio} */
    Optional<Spread> cpuRatio(Scenario scenario, Contender a, Contender b) {
        return pairedRatio(profiles(scenario, a), profiles(scenario, b), ServerProfile::cpuMicros);
    }

    private static <T> Optional<Spread> pairedRatio(SortedMap<Integer, T> a, SortedMap<Integer, T> b,
            ToDoubleFunction<T> value) {
        List<Double> ratios = new ArrayList<>();
        for (Map.Entry<Integer, T> round : a.entrySet()) {
            T other = b.get(round.getKey());
            if (other != null) {
                double divisor = value.applyAsDouble(other);
                if (divisor == 0) {
                    return Optional.empty();
                }
                ratios.add(value.applyAsDouble(round.getValue()) / divisor);
            }
        }
        return ratios.isEmpty() ? Optional.empty() : Optional.of(Spread.of(ratios, Double::doubleValue));
    }

    private SortedMap<Integer, Result> results(Scenario scenario, Contender contender) {
        return results.getOrDefault(scenario.name(), Map.of()).getOrDefault(contender.name(), new TreeMap<>());
    }

    private SortedMap<Integer, ServerProfile> profiles(Scenario scenario, Contender contender) {
        return profiles.getOrDefault(scenario.name(), Map.of()).getOrDefault(contender.name(), new TreeMap<>());
    }

    /** Records the run that counted the server's system calls. */
    void syscalls(Scenario scenario, Contender contender, ServerProfile profile) {
        syscalls.computeIfAbsent(scenario.name(), k -> new LinkedHashMap<>()).put(contender.name(), profile);
    }

    /** @return the counting run's profile, if it succeeded */
    Optional<ServerProfile> syscalls(Scenario scenario, Contender contender) {
        return Optional.ofNullable(syscalls.getOrDefault(scenario.name(), Map.of()).get(contender.name()));
    }

    /** Records why the counting run failed. */
    void syscallsFailed(Scenario scenario, Contender contender, String why) {
        syscallFailures.computeIfAbsent(scenario.name(), k -> new LinkedHashMap<>()).put(contender.name(), why);
    }

    /** @return why the counting run failed, if it did */
    Optional<String> syscallFailure(Scenario scenario, Contender contender) {
        return Optional.ofNullable(syscallFailures.getOrDefault(scenario.name(), Map.of()).get(contender.name()));
    }

    /** Records why a run failed; the latest failure of a server in a scenario is kept. */
    void fail(Scenario scenario, Contender contender, String why) {
        failures.computeIfAbsent(scenario.name(), k -> new LinkedHashMap<>()).put(contender.name(), why);
    }

    /** @return the summary of the server's successful runs in the scenario, if any */
    Optional<Summary> summary(Scenario scenario, Contender contender) {
        SortedMap<Integer, Result> runs = results(scenario, contender);
        return runs.isEmpty() ? Optional.empty() : Optional.of(Summary.of(List.copyOf(runs.values())));
    }

    /** @return why the server's last failed run in the scenario failed, if one did */
    Optional<String> failure(Scenario scenario, Contender contender) {
        return Optional.ofNullable(failures.getOrDefault(scenario.name(), Map.of()).get(contender.name()));
    }

    /** @return every failure as "scenario, server: why" */
    List<String> failures() {
        List<String> all = new ArrayList<>();
        failures.forEach((scenario, byServer) -> byServer.forEach((server, why) ->
                all.add(scenario + ", " + server + ": " + why)));
        startFailures.forEach((server, why) -> all.add("start-up, " + server + ": " + why));
        syscallFailures.forEach((scenario, byServer) -> byServer.forEach((server, why) ->
                all.add(scenario + ", " + server + ", counting system calls: " + why)));
        return all;
    }
}
