package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.Arguments;
import dev.switchboard.benchmarks.load.NativeLoadGenerator;
import dev.switchboard.benchmarks.load.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * How the comparison runs.
 *
 * @param repo the repository's root: Switchboard's distribution is under it, the report goes in its docs/
 * @param report the Markdown report to write; the SVG chart goes next to it
 * @param quick a smoke test: one round, short runs, a report marked as such
 * @param pin each server on CPU 0 with one event loop, the load generator on CPU 1 (which
 *     {@code benchmarks/run --pin} arranges for the runner's own JVM): no thread of one waits for a
 *     time slice behind a thread of the other
 * @param loops event loops (UDP: sockets) per endpoint, the same for every server: by default one
 *     per processor the load generator leaves ({@link #loopsBeside})
 * @param only scenario name prefixes to run; empty = all
 * @param rounds rounds, each running every scenario against every server
 * @param warmup traffic before measuring, per run
 * @param duration measured traffic, per run
 * @param jvmFlags the JVM flags of every server
 * @param client the load generator: {@code native} (C, the default) or {@code java}; the Java one
 *     runs what the native one does not ({@link #clientFor})
 * @param clientThreads the Java load generator's selector threads
 * @param rate the open-loop scenario's requests per second
 * @param idleConnections the connections the idle scenario holds
 * @param starts starts of each server per round, timed from fork and exec to the TCP port accepting
 * @param servers the servers to compare, by name
 * @param syscalls whether to count each server's system calls per request, in one extra run of
 *     each scenario after the measured rounds (a counter attached slows the server: that run's
 *     throughput is not reported)
 * @param syscallCounter the counter: {@code auto} (perf if it works here, else strace), {@code perf} or {@code strace}
 * @param command the command line, for the report
 */
record RunnerOptions(Path repo, Path report, boolean quick, boolean pin, int loops, List<String> only, int rounds, Duration warmup,
        Duration duration, List<String> jvmFlags, String client, int clientThreads, double rate, int idleConnections, int starts,
        List<String> servers, boolean syscalls, String syscallCounter, String command) {

    /** The servers' JVM flags unless {@code --jvm-flags} says otherwise; see the report for why. */
    static final String DEFAULT_JVM_FLAGS = "-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+UseTransparentHugePages";
    static final List<String> ALL_SERVERS = List.of("switchboard", "netty-nio", "netty-epoll");
    static final List<String> CLIENTS = List.of(Result.NATIVE, Result.JAVA);
    static final List<String> SYSCALL_COUNTERS = List.of("auto", "perf", "strace");
    /** With {@code --pin}: the servers' CPU and the load generator's. */
    static final int SERVER_CPU = 0;
    static final int CLIENT_CPU = 1;

    private static final Set<String> OPTIONS = Set.of("repo", "report", "only", "rounds", "warmup", "duration",
            "jvm-flags", "client", "client-threads", "rate", "idle-connections", "starts", "servers", "loops",
            "syscall-counter");

    static final String USAGE = """
            usage: benchmarks/run [--quick] [--pin] [--only PREFIX,...] [options]
              --quick                 smoke test: 1 round, 1 s warm-up, 2 s measured, report marked QUICK
              --pin                   each server on CPU 0 with one event loop, the load generator on CPU 1
                                      (report: docs/PERFORMANCE-pinned.md)
              --loops N               event loops (UDP: sockets) per endpoint, for every server; default:
                                      one per processor the load generator leaves (1 with --pin)
              --only PREFIX,...       only the scenarios whose names start so, e.g. tcp-pingpong,udp
              --rounds 3              rounds; each runs every scenario on every server, servers alternating,
                                      each round beginning with the server after the one the round before began with
              --warmup 5s --duration 10s
              --servers switchboard,netty-nio,netty-epoll
              --jvm-flags "%s"
              --client native         the load generator: native (C, built here with gcc -O2; one thread, epoll)
                                      or java (selector threads in the runner's JVM); the Java one runs
                                      tcp-idle in either case
              --client-threads 1      the Java load generator's selector threads
              --rate 20000            the open-loop scenario's requests per second
              --idle-connections 10000
              --starts 3              start-up: starts of each server per round, timed from fork and exec
                                      to the first successful connect on its TCP port
              --syscalls              count each server's system calls per request by name, in one extra
                                      run of each scenario after the measured rounds (the counter slows
                                      the server, so that run's throughput is not reported)
              --syscall-counter auto  perf (perf stat on the syscalls:sys_enter_* tracepoints) if it works
                                      here, else strace (strace -f -c); or name one: perf, strace
              --report FILE           default: <repo>/docs/PERFORMANCE.md; the chart goes next to it
              --repo DIR              the repository's root (default: the current directory)
            scenarios: %s
            """.formatted(DEFAULT_JVM_FLAGS, String.join(", ", Scenario.all(1, 1).stream().map(Scenario::name).toList()));

    /**
     * @param args the runner's command line
     * @return the options it gives
     * @throws IllegalArgumentException naming a bad option
     */
    static RunnerOptions parse(List<String> args) {
        Arguments a = Arguments.parse(args, OPTIONS, Set.of("quick", "pin", "syscalls"));
        boolean quick = a.has("quick");
        boolean pin = a.has("pin");
        Path repo = Path.of(a.text("repo", ".")).toAbsolutePath().normalize();
        List<String> servers = list(a.text("servers", String.join(",", ALL_SERVERS)));
        String client = a.text("client", Result.NATIVE);
        if (!CLIENTS.contains(client)) {
            throw new IllegalArgumentException("--client must be native or java, got " + client);
        }
        String syscallCounter = a.text("syscall-counter", "auto");
        if (!SYSCALL_COUNTERS.contains(syscallCounter)) {
            throw new IllegalArgumentException("--syscall-counter must be one of " + SYSCALL_COUNTERS + ", got " + syscallCounter);
        }
        for (String server : servers) {
            if (!ALL_SERVERS.contains(server)) {
                throw new IllegalArgumentException("--servers: unknown server " + server + "; known: " + ALL_SERVERS);
            }
        }
        int clientThreads = a.integer("client-threads", 1, 1, 64);
        int processors = pin ? 1 : Runtime.getRuntime().availableProcessors();
        int loops = a.integer("loops", loopsBeside(processors, client.equals(Result.NATIVE) ? 1 : clientThreads), 1, 1024);
        return new RunnerOptions(
                repo,
                Path.of(a.text("report", repo.resolve(pin ? "docs/PERFORMANCE-pinned.md" : "docs/PERFORMANCE.md")
                        .toString())).toAbsolutePath(),
                quick,
                pin,
                loops,
                list(a.text("only", "")),
                a.integer("rounds", quick ? 1 : 3, 1, 100),
                a.duration("warmup", quick ? Duration.ofSeconds(1) : Duration.ofSeconds(5)),
                a.duration("duration", quick ? Duration.ofSeconds(2) : Duration.ofSeconds(10)),
                Arrays.stream(a.text("jvm-flags", DEFAULT_JVM_FLAGS).trim().split("\\s+")).filter(f -> !f.isEmpty()).toList(),
                client,
                clientThreads,
                a.rate("rate", 20_000),
                a.integer("idle-connections", 10_000, 1, 100_000),
                a.integer("starts", 3, 0, 100),
                servers,
                a.has("syscalls"),
                syscallCounter,
                "benchmarks/run " + String.join(" ", args));
    }

    /**
     * The event loops a server gets when the load generator shares its machine: one per processor
     * the generator's threads leave, at least one. More loops than that only take turns with the
     * generator for the same processors, a scheduler's time slice at a time; on two processors one
     * loop served 64 connections 1.35 times as fast as two, Netty's epoll loops and Switchboard's alike
     * (docs/DECISIONS.md).
     *
     * @param processors the processors the servers and the load generator share
     * @param generatorThreads the load generator's busy threads
     * @return the event loops per endpoint
     */
    static int loopsBeside(int processors, int generatorThreads) {
        return Math.max(1, processors - generatorThreads);
    }

    /** @return the chart's file, next to the report: {@code performance.svg} for {@code PERFORMANCE.md} */
    Path chart() {
        String name = report.getFileName().toString().toLowerCase(Locale.ROOT).replaceFirst("\\.md$", "");
        return report.resolveSibling(name + ".svg");
    }

    /** @return the load generator that runs {@code scenario}: the one chosen, if it can run it, else the Java one */
    String clientFor(Scenario scenario) {
        return client.equals(Result.NATIVE) && NativeLoadGenerator.runs(scenario.load()) ? Result.NATIVE : Result.JAVA;
    }

    /** @return whether any of the scenarios runs on the native load generator */
    boolean needsNativeClient() {
        return scenarios().stream().anyMatch(s -> clientFor(s).equals(Result.NATIVE));
    }

    /** @return the scenarios {@code --only} selects, in run order */
    List<Scenario> scenarios() {
        return Scenario.all(rate, idleConnections).stream()
                .filter(s -> only.isEmpty() || only.stream().anyMatch(prefix -> s.name().startsWith(prefix)))
                .toList();
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
