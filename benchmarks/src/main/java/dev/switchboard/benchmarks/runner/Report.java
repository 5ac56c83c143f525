package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.NativeLoadGenerator;
import dev.switchboard.benchmarks.load.Result;
import dev.switchboard.benchmarks.netty.NettyServer;
import dev.switchboard.benchmarks.netty.NettyTransport;
import dev.switchboard.benchmarks.runner.Measurements.Summary;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The comparison as Markdown: {@code docs/PERFORMANCE.md}. */
final class Report {

    /** How many of each server's most frequent system calls the profile lists. */
    private static final int TOP_SYSCALLS = 6;

    private static final ToDoubleFunction<Result> THROUGHPUT = Result::messagesPerSecond;
    private static final ToDoubleFunction<Result> P99 = r -> r.latency().p99();

    private final RunnerOptions options;
    private final Machine machine;
    private final List<Scenario> scenarios;
    private final List<Contender> contenders;
    private final Measurements measurements;
    private final List<String> notes;
    private final String nativeCompiler;
    private final SyscallCounter syscallCounter;
    private final StringBuilder md = new StringBuilder();

    Report(RunnerOptions options, Machine machine, List<Scenario> scenarios, List<Contender> contenders,
            Measurements measurements, List<String> notes, String nativeCompiler, SyscallCounter syscallCounter) {
        this.options = options;
        this.machine = machine;
        this.scenarios = scenarios;
        this.contenders = contenders;
        this.measurements = measurements;
        this.notes = notes;
        this.nativeCompiler = nativeCompiler;
        this.syscallCounter = syscallCounter;
    }

    /**
     * @param chartFile the SVG chart's file name, next to the report
     * @return the report
     */
    String markdown(String chartFile) {
        md.setLength(0);
        line("# Performance: Switchboard side by side with Netty");
        line();
        if (options.quick()) {
            line("> **QUICK RUN: a smoke test of the harness, not a measurement.** One round of "
                    + seconds(options.duration()) + " per run; do not quote these numbers. "
                    + "Run `benchmarks/run` without `--quick` for the real comparison.");
            line();
        }
        notes.forEach(note -> line("> **Note:** " + note).line());
        line("Switchboard's claim is that a pluggable, configuration-driven server costs nothing at run time. "
                + "Here it does the socket exercise's job (answer each request in upper case) next to a "
                + "hand-written Netty 4.2 server doing exactly the same job, measured by the same load generator, "
                + "on the same machine, in the same run.");
        line();
        line("Each run starts the server in a JVM of its own, warms up for " + seconds(options.warmup())
                + " (excluded), measures for " + seconds(options.duration()) + longerWindows() + " and stops the server; servers "
                + "alternate within each round (" + String.join(", ", contenders.stream().map(Contender::title).toList())
                + ", then again), each round beginning with the server after the one the round before began with, "
                + options.rounds() + " round" + (options.rounds() == 1 ? "" : "s")
                + ". Cells show the median over rounds" + (options.rounds() > 1 ? ", with min–max in brackets" : "")
                + ". Ratios are taken round by round, Switchboard's run divided by Netty's run of the same round "
                + "(seconds apart, so the machine's state in that round cancels out), and show the median over "
                + "rounds" + (options.rounds() > 1 ? ", with min–max in brackets under each workload" : "")
                + ": for throughput above 1 means Switchboard is faster, for latency below 1 means Switchboard is "
                + "faster.");
        line();
        if (options.pin()) {
            line("**Pinned run** (`--pin`): every server runs on CPU " + RunnerOptions.SERVER_CPU + " with " + loops()
                    + " per endpoint, the load generator on CPU " + RunnerOptions.CLIENT_CPU + ", so that neither waits "
                    + "for a time slice behind the other: this isolates what each server costs per request from how "
                    + "the scheduler shares two cores between the servers and the load generator.");
            line();
        }
        line("Date: " + LocalDate.now() + ". Command: `" + options.command().trim() + "`.");
        line();
        summary();
        line("![Throughput and p99 latency per workload](" + chartFile + ")");
        line();
        startUp();
        for (Scenario scenario : scenarios) {
            if (scenario.isIdle()) {
                idle(scenario);
            } else {
                scenario(scenario);
            }
        }
        profile();
        machine();
        method();
        nettySettings();
        return md.toString();
    }

    private void summary() {
        List<Scenario> speed = scenarios.stream().filter(s -> !s.isIdle()).toList();
        if (speed.isEmpty()) {
            return;
        }
        line("## Summary");
        line();
        StringBuilder header = new StringBuilder("| Workload |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Contender c : contenders) {
            header.append(" ").append(c.title()).append(" msg/s |");
            rule.append("---:|");
        }
        for (Contender c : contenders) {
            header.append(" ").append(c.title()).append(" p99 µs |");
            rule.append("---:|");
        }
        Optional<Contender> switchboard = switchboard();
        List<Contender> baselines = contenders.stream().filter(c -> !c.name().equals("switchboard")).toList();
        if (switchboard.isPresent()) {
            for (Contender b : baselines) {
                header.append(" throughput ÷ ").append(b.title()).append(" | p99 ÷ ").append(b.title()).append(" |");
                rule.append("---:|---:|");
            }
        }
        for (Contender c : contenders) {
            header.append(" ").append(c.title()).append(" CPU µs/req |");
            rule.append("---:|");
        }
        Optional<Contender> epoll = nettyEpoll();
        if (switchboard.isPresent() && epoll.isPresent()) {
            header.append(" CPU/req ÷ ").append(epoll.get().title()).append(" |");
            rule.append("---:|");
        }
        line(header.toString());
        line(rule.toString());
        for (Scenario s : speed) {
            StringBuilder row = new StringBuilder("| ").append(s.name()).append(" |");
            for (Contender c : contenders) {
                row.append(" ").append(cell(s, c, Summary::throughput, Report::count, false)).append(" |");
            }
            for (Contender c : contenders) {
                row.append(" ").append(cell(s, c, Summary::p99, Report::micros, false)).append(" |");
            }
            if (switchboard.isPresent()) {
                for (Contender b : baselines) {
                    row.append(" ").append(ratio(s, switchboard.get(), b, THROUGHPUT, false)).append(" | ")
                            .append(ratio(s, switchboard.get(), b, P99, false)).append(" |");
                }
            }
            for (Contender c : contenders) {
                row.append(" ").append(cpuCell(s, c, false)).append(" |");
            }
            if (switchboard.isPresent() && epoll.isPresent()) {
                row.append(" ").append(cpuRatio(s, switchboard.get(), epoll.get(), false)).append(" |");
            }
            line(row.toString());
        }
        line();
        line("CPU µs/req is the server's CPU time (user + system, all its threads) per request in the measured "
                + "window; see \"Profile\" below.");
        line();
    }

    private void startUp() {
        line("## Process start → TCP port accepting");
        line();
        line("Measured from outside: the time from just before the runner forks and execs the server to the first "
                + "successful connect on its TCP port, polled every millisecond (the kernel completes a connection "
                + "once the port listens, before the server accepts it). Each round starts every server "
                + options.starts() + " time" + (options.starts() == 1 ? "" : "s") + ", servers alternating, after one "
                + "untimed start of each before the first round (Switchboard's first start records its class-data "
                + "archive, once per Java runtime and build). Switchboard "
                + "runs its start script with the distribution's own `config/switchboard.conf` (only the ports "
                + "changed: TCP and UDP on one port, the admin endpoint on a free one); the Netty baseline is `java -cp <benchmark jar> NettyServer` "
                + "serving the same two endpoints. Both with the same JVM flags; not the log's \"ready in\".");
        line();
        StringBuilder header = new StringBuilder("| |");
        StringBuilder rule = new StringBuilder("|---|");
        StringBuilder median = new StringBuilder("| median ms |");
        StringBuilder range = new StringBuilder("| min–max ms |");
        StringBuilder count = new StringBuilder("| starts |");
        for (Contender c : contenders) {
            header.append(" ").append(c.title()).append(" |");
            rule.append("---:|");
            Optional<Spread> ms = measurements.startUp(c);
            median.append(" ").append(ms.map(m -> String.format(Locale.ROOT, "%.0f", m.median()))
                    .orElse(measurements.startFailure(c).isPresent() ? "failed" : "n/a")).append(" |");
            range.append(" ").append(ms.map(m -> String.format(Locale.ROOT, "%.0f–%.0f", m.min(), m.max())).orElse(""))
                    .append(" |");
            count.append(" ").append(measurements.starts(c)).append(" |");
        }
        line(header.toString());
        line(rule.toString());
        line(median.toString());
        line(range.toString());
        line(count.toString());
        line();
        Optional<Spread> own = switchboard().flatMap(measurements::startUp);
        for (Contender c : contenders) {
            Optional<Spread> other = measurements.startUp(c);
            if (own.isPresent() && other.isPresent() && !c.name().equals("switchboard")) {
                line(String.format(Locale.ROOT, "Switchboard ÷ %s, median: %.2f× (below 1 starts sooner).  ", c.title(),
                        own.get().median() / other.get().median()));
            }
        }
        for (Contender c : contenders) {
            measurements.startFailure(c).ifPresent(why -> line("**" + c.title() + " failed to start:** `"
                    + why.lines().findFirst().orElse(why) + "`  "));
        }
        line();
    }

    private void scenario(Scenario s) {
        line("## " + s.name() + ": " + s.title());
        line();
        line("Load generator: " + options.clientFor(s) + ".");
        line();
        boolean udp = s.endpoint() == EndpointKind.UDP;
        line("| Server | msg/s | MB/s | p50 µs | p99 µs | p99.9 µs | server CPU µs/req |" + (udp ? " lost per run |" : ""));
        line("|---|---:|---:|---:|---:|---:|---:|" + (udp ? "---:|" : ""));
        for (Contender c : contenders) {
            String row = "| " + c.title() + " | " + cell(s, c, Summary::throughput, Report::count, true)
                    + " | " + cell(s, c, Summary::megabytes, v -> String.format(Locale.ROOT, "%.2f", v), true)
                    + " | " + cell(s, c, Summary::p50, Report::micros, true)
                    + " | " + cell(s, c, Summary::p99, Report::micros, true)
                    + " | " + cell(s, c, Summary::p999, Report::micros, true)
                    + " | " + cpuCell(s, c, true) + " |";
            if (udp) {
                row += " " + cell(s, c, Summary::lost, Report::count, true) + " |";
            }
            line(row);
        }
        line();
        switchboard().ifPresent(sb -> contenders.stream().filter(c -> c != sb).forEach(b -> line(
                "Switchboard ÷ " + b.title() + ": throughput " + ratio(s, sb, b, THROUGHPUT, true)
                        + ", p50 " + ratio(s, sb, b, r -> r.latency().p50(), true)
                        + ", p99 " + ratio(s, sb, b, P99, true)
                        + ", p99.9 " + ratio(s, sb, b, r -> r.latency().p999(), true) + ", server CPU per request "
                        + cpuRatio(s, sb, b, true) + "  ")));
        if (s.load().rate() > 0) {
            line();
            line("Requests left behind their intended send times by (median over rounds of each run's p50 / p99, µs): "
                    + String.join("; ", contenders.stream().map(c -> c.title() + " " + measurements.summary(s, c)
                            .map(m -> micros(m.sendLagP50().median()) + " / " + micros(m.sendLagP99().median()))
                            .orElse("n/a")).toList())
                    + ". At a rate the server sustains this is the load generator's own wake-up lateness (timer "
                    + "slack and scheduling, the same for every server), a floor under the latencies above; when "
                    + "it grows, the server is falling behind.");
        }
        failures(s);
        line();
    }

    private void idle(Scenario s) {
        line("## " + s.name() + ": " + s.title());
        line();
        line("Resident memory (VmRSS) of the server process, each after two full GCs (`jcmd <pid> GC.run`) and with "
                + "the C library's freed memory returned to the system (`jcmd <pid> System.trim_native_heap`: the JIT "
                + "compilers' arenas, freed but kept by `malloc`, are megabytes, whatever the server): before "
                + "the connections are opened, and while all of them are held, each having done one request and reply. "
                + "Before is read after a warm-up of 200 connections, opened, asked once and closed, with the "
                + "server's descriptors back to where they were, so that the one-time cost of the first connections "
                + "a fresh server takes (compiling and loading its accept and request paths) is not counted per connection.");
        line();
        line("| Server | RSS holding them, MiB | RSS before, MiB | per connection, KiB |");
        line("|---|---:|---:|---:|");
        for (Contender c : contenders) {
            Optional<Summary> summary = measurements.summary(s, c);
            if (summary.isEmpty()) {
                line("| " + c.title() + " | " + missing(s, c) + " | | |");
                continue;
            }
            Summary m = summary.get();
            double perConnection = (m.rssKiB().median() - m.baselineRssKiB().median()) / s.load().connections();
            line(String.format(Locale.ROOT, "| %s | %s | %s | %.1f |", c.title(),
                    spread(m.rssKiB(), v -> String.format(Locale.ROOT, "%.0f", v / 1024), m.rounds() > 1),
                    spread(m.baselineRssKiB(), v -> String.format(Locale.ROOT, "%.0f", v / 1024), m.rounds() > 1),
                    perConnection));
        }
        line();
        failures(s);
        line();
    }

    private void failures(Scenario s) {
        for (Contender c : contenders) {
            measurements.failure(s, c).ifPresent(why -> line("**" + c.title() + " failed:** `"
                    + why.lines().findFirst().orElse(why) + "`  "));
        }
    }

    /**
     * Where each server's CPU goes, per request: its CPU time always, its system calls by name when
     * {@code --syscalls} counted them; then the comparison with Netty epoll in words, from the numbers.
     */
    private void profile() {
        List<Scenario> speed = scenarios.stream().filter(s -> !s.isIdle()).toList();
        if (speed.isEmpty()) {
            return;
        }
        line("## Profile: what a request costs the server");
        line();
        line("Server CPU µs per request: the server process's user + system time (`/proc/PID/stat`, all threads) "
                + "over the measured window, divided by the requests served in it (connections, for churn)"
                + (options.rounds() > 1 ? "; median over rounds, min–max in brackets" : "") + ". After the slashes, "
                + "medians of the parts of it spent in the kernel (system time: system calls and the network stack "
                + "below them) and by the JIT compiler's threads (compiling, not serving: a warm-up long enough leaves "
                + "next to none of it in the window).");
        line();
        StringBuilder header = new StringBuilder("| Workload |");
        StringBuilder rule = new StringBuilder("|---|");
        for (Contender c : contenders) {
            header.append(" ").append(c.title()).append(" µs: all / kernel / JIT |");
            rule.append("---:|");
        }
        line(header.toString());
        line(rule.toString());
        for (Scenario s : speed) {
            StringBuilder row = new StringBuilder("| ").append(s.name()).append(" |");
            contenders.forEach(c -> row.append(" ").append(cpuCell(s, c, true))
                    .append(measurements.systemMicros(s, c).map(m -> " / " + micros2(m.median())).orElse(""))
                    .append(measurements.compilerMicros(s, c).map(m -> " / " + micros2(m.median())).orElse(""))
                    .append(" |"));
            line(row.toString());
        }
        line();
        if (syscallCounter == null) {
            line("System calls were not counted in this run (`benchmarks/run --syscalls` counts them).");
            line();
        } else {
            syscalls(speed);
        }
        comparison(speed);
    }

    private void syscalls(List<Scenario> speed) {
        line("System calls per request, by name: counted with `" + syscallCounter.description() + "` in one extra "
                + "run of each workload after the measured rounds: a fresh server, warmed up by " + seconds(options.warmup())
                + " of the same load, then the counter started, " + seconds(options.duration()) + " of load measured, "
                + "and the counter stopped once the load generator had returned; the counts are divided by that "
                + "run's requests. The counter slows the server (strace several times over, perf a little), so that "
                + "run's throughput is not comparable and is not reported; its counts per request are what it is for. \"Requests per receive call\" is the requests of the window divided "
                + "by its `read`, `readv`, `recvfrom`, `recvmsg` and `recvmmsg` calls, failed ones included: how many "
                + "requests one call brings in (\"per send call\" likewise with `write`, `writev`, `sendto`, `sendmsg`, "
                + "`sendmmsg`). Each server's "
                + TOP_SYSCALLS + " most frequent calls are listed.");
        line();
        for (Scenario s : speed) {
            List<String> names = new ArrayList<>();
            for (Contender c : contenders) {
                measurements.syscalls(s, c).ifPresent(p -> p.top(TOP_SYSCALLS).stream()
                        .filter(n -> !names.contains(n)).forEach(names::add));
            }
            line("**" + s.name() + "**");
            line();
            StringBuilder header = new StringBuilder("| per request |");
            StringBuilder rule = new StringBuilder("|---|");
            for (Contender c : contenders) {
                header.append(" ").append(c.title()).append(" |");
                rule.append("---:|");
            }
            line(header.toString());
            line(rule.toString());
            for (String name : names) {
                syscallRow("`" + name + "`", s, p -> p.syscalls().get().getOrDefault(name, 0.0),
                        p -> p.failedSyscalls().containsKey(name)
                                ? String.format(Locale.ROOT, " (%.3f failed)", p.failedSyscalls().get(name)) : "");
            }
            syscallRow("all system calls", s, ServerProfile::totalSyscalls, p -> "");
            syscallRow("requests per receive call", s, p -> perCall(p, ServerProfile.RECEIVES), p -> "");
            syscallRow("requests per send call", s, p -> perCall(p, ServerProfile.SENDS), p -> "");
            line();
            for (Contender c : contenders) {
                measurements.syscallFailure(s, c).ifPresent(why -> line("**" + c.title() + ": counting failed:** `"
                        + why.lines().findFirst().orElse(why) + "`  "));
            }
        }
    }

    private void syscallRow(String label, Scenario s, Function<ServerProfile, Double> value,
            Function<ServerProfile, String> note) {
        StringBuilder row = new StringBuilder("| ").append(label).append(" |");
        for (Contender c : contenders) {
            row.append(" ").append(measurements.syscalls(s, c)
                    .map(p -> String.format(Locale.ROOT, "%.3f", value.apply(p)) + note.apply(p))
                    .orElse("n/a")).append(" |");
        }
        line(row.toString());
    }

    private static double perCall(ServerProfile profile, Set<String> names) {
        double calls = profile.syscalls(names);
        return calls == 0 ? 0 : 1 / calls;
    }

    /** The gaps to Netty epoll in words, written from the numbers above. */
    private void comparison(List<Scenario> speed) {
        Optional<Contender> sb = switchboard();
        Optional<Contender> epoll = nettyEpoll();
        if (sb.isEmpty() || epoll.isEmpty()) {
            return;
        }
        line("Switchboard against " + epoll.get().title() + ", per request (" + machine.jdk() + "):");
        line();
        for (Scenario s : speed) {
            Optional<Spread> own = measurements.cpuMicros(s, sb.get());
            Optional<Spread> other = measurements.cpuMicros(s, epoll.get());
            Optional<Spread> ratios = measurements.cpuRatio(s, sb.get(), epoll.get());
            if (own.isEmpty() || other.isEmpty() || ratios.isEmpty()) {
                continue;
            }
            double ratio = ratios.get().median();
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "- **%s**: %.2f µs of server CPU against "
                    + "%.2f µs (medians; %.2f× round by round, %s)", s.name(), own.get().median(),
                    other.get().median(), ratio, ratio <= 1 ? "Switchboard needs less" : "Switchboard needs more"));
            Optional<Spread> ownSystem = measurements.systemMicros(s, sb.get());
            Optional<Spread> otherSystem = measurements.systemMicros(s, epoll.get());
            if (ownSystem.isPresent() && otherSystem.isPresent()) {
                text.append(String.format(Locale.ROOT, ", of which %.2f µs against %.2f µs in the kernel",
                        ownSystem.get().median(), otherSystem.get().median()));
            }
            Optional<ServerProfile> a = measurements.syscalls(s, sb.get());
            Optional<ServerProfile> b = measurements.syscalls(s, epoll.get());
            if (a.isPresent() && b.isPresent()) {
                text.append(String.format(Locale.ROOT, "; %.2f system calls against %.2f (%s against %s); "
                        + "one receive call brings in %.1f requests against %.1f, one send call answers %.1f against %.1f",
                        a.get().totalSyscalls(), b.get().totalSyscalls(), topText(a.get()), topText(b.get()),
                        perCall(a.get(), ServerProfile.RECEIVES), perCall(b.get(), ServerProfile.RECEIVES),
                        perCall(a.get(), ServerProfile.SENDS), perCall(b.get(), ServerProfile.SENDS)));
            }
            line(text.append(".").toString());
        }
        line();
    }

    private static String topText(ServerProfile profile) {
        return String.join(", ", profile.top(3).stream().map(name -> String.format(Locale.ROOT, "`%s` %.2f", name,
                profile.syscalls().get().get(name))).toList());
    }

    private void machine() {
        line("## Machine");
        line();
        line("| | |");
        line("|---|---|");
        line("| CPU | " + machine.cpu() + " |");
        line("| Cores | " + machine.cores() + (options.pin()
                ? " (servers on CPU " + RunnerOptions.SERVER_CPU + ", the load generator on CPU " + RunnerOptions.CLIENT_CPU + ")"
                : " (shared by the servers and the load generator)") + " |");
        line("| Memory | " + machine.memory() + " |");
        line("| OS | " + machine.os() + ", kernel " + machine.kernel() + " |");
        line("| JDK | " + machine.jdk() + " (every server and the load generator) |");
        line("| Server JVM flags | `" + String.join(" ", options.jvmFlags()) + "` (the same for every server) |");
        line("| Event loops | " + loops() + " per endpoint, every server (`--loops " + options.loops() + "`) |");
        List<String> nativeRuns = scenarios.stream().filter(s -> options.clientFor(s).equals(Result.NATIVE))
                .map(Scenario::name).toList();
        List<String> javaRuns = scenarios.stream().filter(s -> options.clientFor(s).equals(Result.JAVA))
                .map(Scenario::name).toList();
        String java = "Java (`dev.switchboard.benchmarks.load`), " + options.clientThreads() + " selector thread"
                + (options.clientThreads() == 1 ? "" : "s") + " in the runner's JVM";
        if (nativeRuns.isEmpty()) {
            line("| Load generator | " + java + " |");
        } else {
            line("| Load generator | native (C, `" + Runner.NATIVE_SOURCE + "`, built here with `"
                    + NativeLoadGenerator.COMPILER + " " + String.join(" ", NativeLoadGenerator.FLAGS) + "`, "
                    + (nativeCompiler == null ? "" : nativeCompiler + ", ") + "one thread, epoll)"
                    + (javaRuns.isEmpty() ? "" : "; " + java + " for " + String.join(", ", javaRuns)
                            + ", which the native one does not run")
                    + " |");
        }
        line();
    }

    private String loops() {
        return options.loops() + " event loop" + (options.loops() == 1 ? "" : "s");
    }

    private void method() {
        line("## How it is measured");
        line();
        line("""
                - **Servers.** Switchboard is its distribution (`launcher/target/switchboard/bin/switchboard`) with a \
                generated configuration: endpoints `tcp-raw` (raw framing), `tcp-line` (line framing) and `udp`, on \
                loopback, every other setting at its default (the raw endpoint's `max-connections` raised to 20,000 \
                for the idle workload) but `threads`, the event loops (UDP: sockets) each endpoint runs, which is \
                the run's `--loops` for every server: by default one per processor the load generator leaves, \
                since more loops than that only take turns with the load generator for the same processors, a \
                scheduler's time slice at a time. The Netty baseline (`dev.switchboard.benchmarks.netty.NettyServer`) is Netty \
                4.2 written as well as Netty allows for the same job, on NIO and on the native epoll transport; \
                its settings are listed below.
                - **JVM flags.** Every server gets the same: a fixed 512 MiB heap (`-Xms` = `-Xmx`, so that no run \
                pays for heap growth and memory figures compare like with like) and the Parallel collector, whose \
                barriers are the cheapest and which has no concurrent threads competing for two cores; a server \
                that allocates nothing per message should not collect during a run at all. The heap and the \
                compiled code are on transparent huge pages (`-XX:+UseTransparentHugePages`), which Switchboard's \
                start script asks for (where the first touch of a 4 KiB page is dear, as on many virtual machines, \
                a start that touches its heap page by page is slower); Netty gets the same.
                - **Load generators.** Two, which make the same requests and check every reply the same way: every \
                request carries its connection and sequence number in lowercase letters, every reply is compared \
                byte for byte with the request's ASCII upper case, and one wrong, foreign or cut reply fails the run. \
                The native one (C, `benchmarks/native/loadgen.c`, the default) runs on one thread and one epoll set \
                and reads and sends datagrams in batches (`recvmmsg`, `sendmmsg`), so that it takes as little CPU as \
                it can from a server on the same cores; its latency histogram is log-linear (at most 0.2 % above the \
                value). The Java one (`dev.switchboard.benchmarks.load`, `--client java`; always for tcp-idle, \
                which reads the server's memory through `jcmd`) is selector-based: each client thread owns a selector and its connections, like a \
                server's event loop; its latency histogram is HdrHistogram with three significant digits. Both \
                measure latency from the send to the reply's last byte; MB/s counts reply bytes.
                - **Server CPU per request.** The runner reads the server process's user + system time \
                (`/proc/PID/stat`: every thread, clock ticks of 10 ms) when the warm-up ends and again when the load \
                generator has returned, and divides by the requests of the measured window; the JIT compiler's \
                threads are read on their own (`/proc/PID/task/*/stat`) so that compiling shows apart from serving. On \
                two cores shared by the server, the load generator and whatever else runs on the machine, \
                throughput moves with what the neighbours take; the CPU a request costs the server moves much less, \
                and is the robust number for comparing servers within one report (not across reports: the machine's \
                state moves it too). System calls per request (`--syscalls`) come from an extra run with a counter \
                attached, never from a measured one.
                - **Workloads.** Ping-pong: one request outstanding per connection (raw framing cannot delimit \
                more). Pipelined: 32 lines outstanding per connection, replies matched in order. UDP: 8 datagrams \
                outstanding per socket; one unanswered within 200 ms counts as lost and is replaced by a new one, so \
                the window never shrinks. Churn: the exercise's one-shot client (connect, one request, reply, close) \
                on 8 lanes; latency is connect to reply, throughput is connections per second. Open loop: requests \
                at fixed intended times spread over the connections; a request due while its connection still \
                waits leaves when the reply arrives, and its latency counts from the intended time (no coordinated \
                omission). Idle: connections held open, the server's RSS read after two full GCs and a trim of \
                the C library's freed memory, before them after a warm-up of 200 connections.
                """);
    }

    private void nettySettings() {
        for (NettyTransport transport : NettyTransport.values()) {
            if (contenders.stream().anyMatch(c -> c.name().equals("netty-" + transport))) {
                line("## The Netty baseline's settings: " + (transport == NettyTransport.NIO ? "NIO" : "epoll"));
                line();
                NettyServer.settings(transport, options.loops()).forEach(setting -> line("- " + setting));
                line();
            }
        }
    }

    private String cell(Scenario s, Contender c, Function<Summary, Spread> value, Function<Double, String> format,
            boolean range) {
        return measurements.summary(s, c).map(m -> spread(value.apply(m), format, range && m.rounds() > 1))
                .orElseGet(() -> missing(s, c));
    }

    /** @param range whether to add the min–max range, which only several rounds have */
    private String spread(Spread spread, Function<Double, String> format, boolean range) {
        String median = format.apply(spread.median());
        return range
                ? median + " (" + format.apply(spread.min()) + "–" + format.apply(spread.max()) + ")"
                : median;
    }

    private String missing(Scenario s, Contender c) {
        return measurements.failure(s, c).isPresent() ? "failed" : "n/a";
    }

    private String ratio(Scenario s, Contender a, Contender b, ToDoubleFunction<Result> value, boolean range) {
        return measurements.ratio(s, a, b, value).map(r -> times(r, range)).orElse("n/a");
    }

    private String cpuCell(Scenario s, Contender c, boolean range) {
        return measurements.cpuMicros(s, c).map(m -> spread(m, Report::micros2, range && m.min() != m.max()))
                .orElse("n/a");
    }

    private String cpuRatio(Scenario s, Contender a, Contender b, boolean range) {
        return measurements.cpuRatio(s, a, b).map(r -> times(r, range)).orElse("n/a");
    }

    /** @param range whether to add the min–max range, when the rounds' ratios differ at two decimals */
    private static String times(Spread ratios, boolean range) {
        String min = String.format(Locale.ROOT, "%.2f", ratios.min());
        String max = String.format(Locale.ROOT, "%.2f", ratios.max());
        return String.format(Locale.ROOT, "%.2f×", ratios.median()) + (range && !min.equals(max)
                ? " (" + min + "–" + max + ")"
                : "");
    }

    private Optional<Contender> nettyEpoll() {
        return contenders.stream().filter(c -> c.name().equals("netty-" + NettyTransport.EPOLL)).findFirst();
    }

    private static String micros2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private Optional<Contender> switchboard() {
        return contenders.stream().filter(c -> c.name().equals("switchboard")).findFirst();
    }

    private static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String micros(double value) {
        return value < 100 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** @return the scenarios that measure longer than the rest, as a parenthesis, or nothing */
    private String longerWindows() {
        List<String> longer = scenarios.stream().filter(s -> s.windows() > 1)
                .map(s -> s.name() + " for " + seconds(s.measuring(options.duration()))).toList();
        return longer.isEmpty() ? "" : " (" + String.join(", ", longer) + ": a tail percentile moves with the "
                + "machine's state from one run to the next, and a longer run averages over more of it)";
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.3g s", duration.toNanos() / 1e9);
    }

    private Report line(String text) {
        md.append(text).append('\n');
        return this;
    }

    private Report line() {
        md.append('\n');
        return this;
    }
}
