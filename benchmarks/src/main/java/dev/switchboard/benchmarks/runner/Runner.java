package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.LoadFailure;
import dev.switchboard.benchmarks.load.LoadGenerator;
import dev.switchboard.benchmarks.load.LoadSpec;
import dev.switchboard.benchmarks.load.NativeLoadGenerator;
import dev.switchboard.benchmarks.load.Result;
import dev.switchboard.benchmarks.netty.NettyTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The comparison: every scenario against Switchboard, Netty NIO and Netty epoll, each server in a
 * JVM of its own started fresh for each run, servers alternating within each round
 * (A B C A B C ...), so that a slow patch of a shared machine hurts all of them alike, and each
 * round beginning one server later than the one before (B C A ... in the second), so that no
 * server always runs first, right after another scenario's last run. Writes the report (Markdown
 * and an SVG chart) and the raw results (JSON lines).
 */
public final class Runner {

    private static final long READY_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The native load generator's source, in the repository. */
    static final String NATIVE_SOURCE = "benchmarks/native/loadgen.c";

    private final RunnerOptions options;
    private final Path work;
    private final List<Contender> contenders = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private NativeLoadGenerator nativeClient;
    private final long ticksPerSecond = ProcessCpu.ticksPerSecond();
    private SyscallCounter syscallCounter;

    private Runner(RunnerOptions options) {
        this.options = options;
        this.work = options.repo().resolve("benchmarks/target/bench");
    }

    /** @param args the options in {@link RunnerOptions#USAGE} */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help")) {
            System.out.print(RunnerOptions.USAGE);
            return;
        }
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("run: " + e.getMessage() + "\n\n" + RunnerOptions.USAGE);
            System.exit(2);
            return;
        }
        Runner runner = new Runner(options);
        try {
            runner.buildNativeClient();
        } catch (IOException e) {
            System.err.println("run: the native load generator cannot be built: " + e.getMessage()
                    + "\nInstall gcc (apt-get install gcc), or run with --client java.");
            System.exit(2);
            return;
        }
        if (options.syscalls()) {
            try {
                runner.syscallCounter = options.syscallCounter().equals("auto") ? SyscallCounter.detect()
                        : SyscallCounter.valueOf(options.syscallCounter().toUpperCase(Locale.ROOT));
                if (!runner.syscallCounter.available()) {
                    throw new IOException(options.syscallCounter() + " does not work here");
                }
            } catch (IOException e) {
                System.err.println("run: " + e.getMessage());
                System.exit(2);
                return;
            }
        }
        runner.run();
    }

    /** Compiles the native load generator, if any scenario is to run on it. */
    private void buildNativeClient() throws IOException, InterruptedException {
        if (options.needsNativeClient()) {
            nativeClient = NativeLoadGenerator.build(options.repo().resolve(NATIVE_SOURCE), work.resolve("native"));
            System.out.println("native load generator: " + nativeClient.compiler());
        }
    }

    private void run() throws IOException, InterruptedException {
        Machine machine = Machine.detect();
        chooseContenders();
        List<Scenario> scenarios = options.scenarios();
        System.out.printf("%s; %d cores; %s; servers: %s; JVM flags: %s; load generator: %s%n", machine.cpu(),
                machine.cores(), machine.jdk(), contenders.stream().map(Contender::name).toList(),
                String.join(" ", options.jvmFlags()), options.client());
        notes.forEach(note -> System.out.println("NOTE: " + note));

        Measurements measurements = new Measurements();
        Path results = work.resolve("results.jsonl");
        Files.createDirectories(work);
        Files.deleteIfExists(results);
        startUntimed();
        for (int round = 1; round <= options.rounds(); round++) {
            List<Contender> order = roundOrder(contenders, round);
            measureStartUp(round, order, measurements);
            for (Scenario scenario : scenarios) {
                for (Contender contender : order) {
                    runOnce(round, scenario, contender, measurements, results);
                }
            }
        }
        if (syscallCounter != null) {
            System.out.println("counting system calls with " + syscallCounter.description()
                    + ": one more run of each scenario; its throughput is not reported");
            for (Scenario scenario : scenarios) {
                if (!scenario.isIdle()) {
                    for (Contender contender : contenders) {
                        countSyscalls(scenario, contender, measurements);
                    }
                }
            }
        }
        Report report = new Report(options, machine, scenarios, contenders, measurements, notes,
                nativeClient == null ? null : nativeClient.compiler(), syscallCounter);
        Files.createDirectories(options.report().getParent());
        Path chart = options.chart();
        Files.writeString(chart, new Chart(scenarios, contenders, measurements).svg());
        Files.writeString(options.report(), report.markdown(chart.getFileName().toString()));
        System.out.println("wrote " + options.report() + " and " + chart + "; raw results in " + results);
        measurements.failures().forEach(f -> System.out.println("FAILED: " + f));
    }

    /**
     * @param servers the servers, in the first round's order
     * @param round the round, from 1
     * @return the servers in the order that round runs them: each round begins one later
     */
    static <T> List<T> roundOrder(List<T> servers, int round) {
        List<T> order = new ArrayList<>(servers);
        Collections.rotate(order, -((round - 1) % Math.max(1, order.size())));
        return List.copyOf(order);
    }

    private void chooseContenders() {
        Path distribution = options.repo().resolve("launcher/target/switchboard");
        if (options.servers().contains("switchboard")) {
            if (Files.isExecutable(distribution.resolve("bin/switchboard"))) {
                contenders.add(Contender.switchboard(distribution, work, options.jvmFlags(), options.pin(), options.loops()));
            } else {
                notes.add("Switchboard's distribution is not built (no executable " + distribution.resolve("bin/switchboard")
                        + "): its columns are missing. Build it with `mvn -q -DskipTests package` in the repository "
                        + "root, or run benchmarks/run, which does.");
            }
        }
        String classPath = System.getProperty("java.class.path");
        for (NettyTransport transport : NettyTransport.values()) {
            if (options.servers().contains("netty-" + transport)) {
                contenders.add(Contender.netty(transport, classPath, options.jvmFlags(), options.pin(), options.loops()));
            }
        }
    }

    /**
     * Starts each server once, untimed, before anything is measured: Switchboard's first start on a
     * Java runtime (or after a build) first records its class-data archive (bin/switchboard), a
     * one-time cost that is not what a start costs, and every server's first start reads its jars
     * from disk rather than from the page cache.
     */
    private void startUntimed() throws InterruptedException {
        for (Contender contender : contenders) {
            int port = Ports.freePort();
            Path log = work.resolve("logs/untimed-start-" + contender.name() + ".log");
            try (ServerProcess server = ServerProcess.start(contender.exercise().apply(port), log)) {
                server.awaitAccepting(new InetSocketAddress(Ports.HOST, port), READY_TIMEOUT_NANOS);
                System.out.println(contender.name() + " started once, untimed");
            } catch (IOException e) {
                System.out.println(contender.name() + " untimed start FAILED: " + e.getMessage());
            }
        }
    }

    /**
     * Starts each server {@link RunnerOptions#starts()} times, servers alternating, and times each
     * from just before its fork and exec to the first successful connect on its TCP port. The
     * servers run the exercise's configuration: TCP and UDP on one port.
     */
    private void measureStartUp(int round, List<Contender> order, Measurements measurements)
            throws InterruptedException {
        for (int i = 0; i < options.starts(); i++) {
            for (Contender contender : order) {
                int port = Ports.freePort();
                Path log = work.resolve("logs/r" + round + "-start" + i + "-" + contender.name() + ".log");
                try (ServerProcess server = ServerProcess.start(contender.exercise().apply(port), log)) {
                    long nanos = server.awaitAccepting(new InetSocketAddress(Ports.HOST, port), READY_TIMEOUT_NANOS);
                    measurements.started(contender, nanos);
                    System.out.printf(Locale.ROOT, "round %d  %-12s process start -> TCP port accepting %.0f ms%n",
                            round, contender.name(), nanos / 1e6);
                } catch (IOException e) {
                    measurements.startFailed(contender, e.getMessage());
                    System.out.println("round " + round + "  " + contender.name() + " start FAILED: " + e.getMessage());
                }
            }
        }
    }

    private void runOnce(int round, Scenario scenario, Contender contender, Measurements measurements, Path results)
            throws InterruptedException, IOException {
        Path log = work.resolve("logs/r" + round + "-" + scenario.name() + "-" + contender.name() + ".log");
        try {
            Run run = serve(scenario, contender, log);
            measurements.add(round, scenario, contender, run.result());
            run.profile().ifPresent(profile -> measurements.cpu(round, scenario, contender, profile));
            System.out.println("round " + round + "  " + run.result().toLine()
                    + run.profile().map(p -> String.format(Locale.ROOT, "  server CPU %.2f us/req (kernel %.2f, JIT %.2f)",
                            p.cpuMicros(), p.systemMicros(), p.compilerMicros())).orElse(""));
            Files.writeString(results, run.result().toJson() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (LoadFailure | IOException e) {
            measurements.fail(scenario, contender, e.getMessage());
            System.out.println("round " + round + "  " + contender.name() + " " + scenario.name() + " FAILED: " + e.getMessage());
        }
    }

    /**
     * One more run with the system call counter attached to the server. The counter is made ready
     * first (perf opens its counters on every thread of the server, which takes seconds), the
     * server is warmed up by a load run whose results are dropped, the counter starts, a second
     * load run without warm-up measures, and the counter stops once it has returned: the counter's
     * window holds the measured requests and idle edges only, so counts divide by the run's requests.
     */
    private void countSyscalls(Scenario scenario, Contender contender, Measurements measurements)
            throws InterruptedException, IOException {
        Path log = work.resolve("logs/syscalls-" + scenario.name() + "-" + contender.name() + ".log");
        Ports ports = Ports.free();
        try (ServerProcess server = ServerProcess.start(contender.bench().apply(ports), log)) {
            server.awaitReady(List.of(ports.address(EndpointKind.TCP_RAW), ports.address(EndpointKind.TCP_LINE)),
                    List.of(ports.address(EndpointKind.UDP)), READY_TIMEOUT_NANOS);
            long pid = server.jvmPid();
            LoadSpec spec = scenario.load()
                    .withClientThreads(options.clientThreads())
                    .against(ports.address(scenario.endpoint()), pid, contender.name());
            try (SyscallCounter.Window counter = syscallCounter.prepare(pid, log.resolveSibling(log.getFileName() + ".syscalls"))) {
                runLoad(scenario, spec.withTiming(Duration.ZERO, options.warmup()));
                counter.begin();
                Result result = runLoad(scenario, spec.withTiming(Duration.ZERO, options.duration()));
                counter.end();
                SyscallCounts counts = counter.counts();
                if (result.messages() <= 0) {
                    throw new IOException("no requests in the counted run");
                }
                ServerProfile profile = ServerProfile.of(0, 0, 0, result.messages(), Optional.of(counts), result.messages());
                measurements.syscalls(scenario, contender, profile);
                System.out.printf(Locale.ROOT, "syscalls  %-12s %-24s %.2f per request: %s  (%,d requests)%n",
                        contender.name(), scenario.name(), profile.totalSyscalls(), String.join(", ", profile.top(6)
                                .stream().map(name -> String.format(Locale.ROOT, "%s %.3f", name,
                                        profile.syscalls().get().get(name))).toList()), result.messages());
            }
        } catch (LoadFailure | IOException e) {
            measurements.syscallsFailed(scenario, contender, e.getMessage());
            System.out.println("syscalls  " + contender.name() + " " + scenario.name() + " FAILED: " + e.getMessage());
        }
    }

    /**
     * A load run against a fresh server, its CPU time sampled over the measured window; the idle
     * workload, which measures memory, is not sampled.
     */
    private Run serve(Scenario scenario, Contender contender, Path log) throws InterruptedException, IOException {
        Ports ports = Ports.free();
        try (ServerProcess server = ServerProcess.start(contender.bench().apply(ports), log)) {
            server.awaitReady(List.of(ports.address(EndpointKind.TCP_RAW), ports.address(EndpointKind.TCP_LINE)),
                    List.of(ports.address(EndpointKind.UDP)), READY_TIMEOUT_NANOS);
            long pid = server.jvmPid();
            LoadSpec spec = scenario.load()
                    .withTiming(options.warmup(), scenario.measuring(options.duration()))
                    .withClientThreads(options.clientThreads())
                    .against(ports.address(scenario.endpoint()), pid, contender.name());
            if (scenario.isIdle()) {
                return new Run(runLoad(scenario, spec), Optional.empty());
            }
            try (MeasuredWindow window = MeasuredWindow.start(pid, ticksPerSecond, options.warmup())) {
                Result result = runLoad(scenario, spec);
                return new Run(result, Optional.of(window.finish(result)));
            }
        }
    }

    private Result runLoad(Scenario scenario, LoadSpec spec) throws IOException, InterruptedException {
        return options.clientFor(scenario).equals(Result.NATIVE) ? nativeClient.run(spec) : LoadGenerator.run(spec);
    }

    /** A load run's result, and what it cost the server. */
    private record Run(Result result, Optional<ServerProfile> profile) {}
}
