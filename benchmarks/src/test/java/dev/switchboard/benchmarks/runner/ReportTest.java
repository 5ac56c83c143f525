package dev.switchboard.benchmarks.runner;

import static dev.switchboard.benchmarks.runner.Fixtures.NETTY_EPOLL;
import static dev.switchboard.benchmarks.runner.Fixtures.NETTY_NIO;
import static dev.switchboard.benchmarks.runner.Fixtures.SWITCHBOARD;
import static dev.switchboard.benchmarks.runner.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportTest {

    private final RunnerOptions options = Fixtures.options("--rounds", "3");
    private final Scenario pingPong = options.scenarios().get(0);

    private String report(RunnerOptions options, List<Contender> contenders, Measurements measurements, List<String> notes) {
        return report(options, contenders, measurements, notes, null);
    }

    private String report(RunnerOptions options, List<Contender> contenders, Measurements measurements, List<String> notes,
            SyscallCounter counter) {
        return new Report(options, Fixtures.machine(), List.of(pingPong), contenders, measurements,
                notes, "gcc (Test) 12.2.0", counter).markdown("performance.svg");
    }

    private Measurements cpu(double switchboardMicros, double epollMicros) {
        Measurements m = new Measurements();
        m.add(1, pingPong, SWITCHBOARD, result(pingPong, "switchboard", 1000, 50));
        m.add(1, pingPong, NETTY_EPOLL, result(pingPong, "netty-epoll", 1000, 50));
        m.cpu(1, pingPong, SWITCHBOARD, ServerProfile.of(switchboardMicros * 1000 / 1e6, switchboardMicros * 1000 / 2e6, 0.001, 1000, Optional.empty(), 0));
        m.cpu(1, pingPong, NETTY_EPOLL, ServerProfile.of(epollMicros * 1000 / 1e6, epollMicros * 1000 / 4e6, 0, 1000, Optional.empty(), 0));
        return m;
    }

    @Test
    void saysWhichScenariosMeasureLongerThanTheRest() {
        Scenario openLoop = options.scenarios().stream().filter(s -> s.load().rate() > 0).findFirst().orElseThrow();
        String withOpenLoop = new Report(options, Fixtures.machine(), List.of(pingPong, openLoop), List.of(SWITCHBOARD),
                new Measurements(), List.of(), null, null).markdown("performance.svg");
        assertTrue(withOpenLoop.contains("measures for " + options.duration().toSeconds() + ".0 s (tcp-rate-c16-s64 for "
                + 3 * options.duration().toSeconds() + ".0 s: a tail percentile"), withOpenLoop);
        String without = report(options, List.of(SWITCHBOARD), new Measurements(), List.of());
        assertFalse(without.contains("a tail percentile moves"), without);
    }

    @Test
    void showsServerCpuPerRequestAndItsRatioToNettyEpoll() {
        String md = report(options, List.of(SWITCHBOARD, NETTY_EPOLL), cpu(7.5, 5.0), List.of());
        assertTrue(md.contains("| Switchboard CPU µs/req | Netty epoll CPU µs/req | CPU/req ÷ Netty epoll |"), md);
        assertTrue(md.contains("| 7.50 | 5.00 | 1.50× |"), md);
        assertTrue(md.contains("| 50.0 | 100 | 7.50 |"), md);
        assertTrue(md.contains("server CPU per request 1.50×"), md);
        assertTrue(md.contains("- **tcp-pingpong-c1-s64**: 7.50 µs of server CPU against 5.00 µs "
                + "(medians; 1.50× round by round, Switchboard needs more), of which 3.75 µs against 1.25 µs "
                + "in the kernel."), md);
        assertTrue(md.contains("| tcp-pingpong-c1-s64 | 7.50 / 3.75 / 1.00 | 5.00 / 1.25 / 0.00 |"), md);
        assertTrue(md.contains("System calls were not counted in this run"), md);
    }

    @Test
    void showsSystemCallsPerRequestByNameWhenCounted() {
        Measurements m = cpu(7.5, 5.0);
        m.syscalls(pingPong, SWITCHBOARD, ServerProfile.of(1, 0, 0, 1000, Optional.of(new SyscallCounts(
                Map.of("recvfrom", 1000L, "sendto", 1000L, "epoll_wait", 20L), Map.of("recvfrom", 10L))), 1000));
        m.syscalls(pingPong, NETTY_EPOLL, ServerProfile.of(1, 0, 0, 1000, Optional.of(new SyscallCounts(
                Map.of("recvmmsg", 100L, "sendmmsg", 80L, "epoll_pwait2", 90L), Map.of())), 1000));
        String md = report(options, List.of(SWITCHBOARD, NETTY_EPOLL), m, List.of(), SyscallCounter.STRACE);
        assertTrue(md.contains("counted with `strace -f -c -p PID"), md);
        assertTrue(md.contains("| `recvfrom` | 1.000 (0.010 failed) | 0.000 |"), md);
        assertTrue(md.contains("| `recvmmsg` | 0.000 | 0.100 |"), md);
        assertTrue(md.contains("| all system calls | 2.020 | 0.270 |"), md);
        assertTrue(md.contains("| requests per receive call | 1.000 | 10.000 |"), md);
        assertTrue(md.contains("| requests per send call | 1.000 | 12.500 |"), md);
        assertTrue(md.contains("2.02 system calls against 0.27"), md);
        assertFalse(md.contains("System calls were not counted"), md);
    }

    @Test
    void namesAFailedCount() {
        Measurements m = cpu(7.5, 5.0);
        m.syscallsFailed(pingPong, SWITCHBOARD, "perf did not acknowledge enable within 30 s");
        String md = report(options, List.of(SWITCHBOARD, NETTY_EPOLL), m, List.of(), SyscallCounter.PERF);
        assertTrue(md.contains("**Switchboard: counting failed:** `perf did not acknowledge enable within 30 s`"), md);
    }

    @Test
    void showsTheMedianAndRangeOverRoundsAndTheRatios() {
        Measurements m = new Measurements();
        double[] rates = {900, 1000, 1200};
        for (int round = 1; round <= rates.length; round++) {
            m.add(round, pingPong, SWITCHBOARD, result(pingPong, "switchboard", rates[round - 1], 50));
            m.add(round, pingPong, NETTY_NIO, result(pingPong, "netty-nio", rates[round - 1] / 2, 100));
        }
        String md = report(options, List.of(SWITCHBOARD, NETTY_NIO), m, List.of());
        assertTrue(md.contains("| Switchboard | 1,000 (900–1,200) |"), md);
        assertTrue(md.contains("| tcp-pingpong-c1-s64 | 1,000 | 500 | 50.0 | 100 | 2.00× | 0.50× |"), md);
        assertTrue(md.contains("Switchboard ÷ Netty NIO: throughput 2.00×"), md);
        assertTrue(md.contains("](performance.svg)"), md);
    }

    @Test
    void dividesEachRoundsRunsAndShowsTheRangeOfThoseRatios() {
        Measurements m = new Measurements();
        double[] switchboard = {1000, 1100, 3000};
        double[] netty = {2000, 1000, 1200};
        for (int round = 1; round <= 3; round++) {
            m.add(round, pingPong, SWITCHBOARD, result(pingPong, "switchboard", switchboard[round - 1], 50));
            m.add(round, pingPong, NETTY_EPOLL, result(pingPong, "netty-epoll", netty[round - 1], 50));
        }
        String md = report(options, List.of(SWITCHBOARD, NETTY_EPOLL), m, List.of());
        assertTrue(md.contains("| tcp-pingpong-c1-s64 | 1,100 | 1,200 | 50.0 | 50.0 | 1.10× | 1.00× |"), md);
        assertTrue(md.contains("Switchboard ÷ Netty epoll: throughput 1.10× (0.50–2.50), p50 1.00×, p99 1.00×"), md);
        assertTrue(md.contains("Ratios are taken round by round"), md);
    }

    @Test
    void marksAQuickRunAsNoMeasurement() {
        String md = report(Fixtures.options("--quick"), List.of(NETTY_NIO), new Measurements(), List.of());
        assertTrue(md.contains("QUICK RUN"), md);
    }

    @Test
    void saysWhenSwitchboardIsMissingAndStillShowsNetty() {
        Measurements m = new Measurements();
        m.add(1, pingPong, NETTY_NIO, result(pingPong, "netty-nio", 1000, 100));
        m.add(1, pingPong, NETTY_EPOLL, result(pingPong, "netty-epoll", 2000, 80));
        String md = report(options, List.of(NETTY_NIO, NETTY_EPOLL), m,
                List.of("Switchboard's distribution is not built"));
        assertTrue(md.contains("> **Note:** Switchboard's distribution is not built"), md);
        assertTrue(md.contains("| Netty epoll | 2,000 |"), md);
        assertFalse(md.contains("throughput ÷"), md);
    }

    @Test
    void namesAFailedRun() {
        Measurements m = new Measurements();
        m.fail(pingPong, SWITCHBOARD, "wrong reply on tcp connection 0 to request #3");
        m.add(1, pingPong, NETTY_NIO, result(pingPong, "netty-nio", 1000, 100));
        String md = report(options, List.of(SWITCHBOARD, NETTY_NIO), m, List.of());
        assertTrue(md.contains("| Switchboard | failed |"), md);
        assertTrue(md.contains("**Switchboard failed:** `wrong reply on tcp connection 0 to request #3`"), md);
    }

    @Test
    void describesTheMachineAndTheJvmFlags() {
        String md = report(options, List.of(NETTY_NIO), new Measurements(), List.of());
        assertTrue(md.contains("| CPU | Test CPU |"), md);
        assertTrue(md.contains("`-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+UseTransparentHugePages`"), md);
    }

    @Test
    void saysHowManyEventLoopsEveryServerRan() {
        String md = report(Fixtures.options("--loops", "3"), List.of(NETTY_EPOLL), new Measurements(), List.of());
        assertTrue(md.contains("| Event loops | 3 event loops per endpoint, every server (`--loops 3`) |"), md);
        assertTrue(md.contains("one acceptor thread; 3 event loops (`--threads 3`"), md);
    }

    @Test
    void saysWhereAPinnedRunRanItsServersAndItsLoadGenerator() {
        String md = report(Fixtures.options("--pin"), List.of(NETTY_NIO), new Measurements(), List.of());
        assertTrue(md.contains("**Pinned run** (`--pin`): every server runs on CPU 0 with 1 event loop per endpoint"), md);
        assertTrue(md.contains("| Cores | 2 (servers on CPU 0, the load generator on CPU 1) |"), md);
    }

    @Test
    void listsTheSettingsOfEachNettyBaselineInTheRun() {
        String md = report(options, List.of(NETTY_EPOLL), new Measurements(), List.of());
        assertTrue(md.contains("## The Netty baseline's settings: epoll"), md);
        assertTrue(md.contains("`EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE` = 65536"), md);
        assertFalse(md.contains("## The Netty baseline's settings: NIO"), md);
    }

    @Test
    void showsTheStartUpMediansSideBySideWithTheirRatio() {
        Measurements m = new Measurements();
        for (long ms : new long[] {600, 615, 640}) {
            m.started(SWITCHBOARD, ms * 1_000_000);
            m.started(NETTY_EPOLL, (ms - 126) * 1_000_000);
        }
        String md = report(options, List.of(SWITCHBOARD, NETTY_EPOLL), m, List.of());
        assertTrue(md.contains("## Process start → TCP port accepting"), md);
        assertTrue(md.contains("| | Switchboard | Netty epoll |"), md);
        assertTrue(md.contains("| median ms | 615 | 489 |"), md);
        assertTrue(md.contains("| min–max ms | 600–640 | 474–514 |"), md);
        assertTrue(md.contains("Switchboard ÷ Netty epoll, median: 1.26×"), md);
    }

    @Test
    void saysWhenAServerFailedToStart() {
        Measurements m = new Measurements();
        m.startFailed(NETTY_NIO, "the server exited with code 1");
        String md = report(options, List.of(NETTY_NIO), m, List.of());
        assertTrue(md.contains("| median ms | failed |"), md);
        assertTrue(md.contains("**Netty NIO failed to start:** `the server exited with code 1`"), md);
    }

    @Test
    void namesTheLoadGeneratorOfEachScenarioAndHowTheNativeOneWasBuilt() {
        RunnerOptions options = Fixtures.options("--only", "tcp-pingpong-c1-s64,tcp-idle");
        String md = new Report(options, Fixtures.machine(), options.scenarios(), List.of(NETTY_NIO), new Measurements(),
                List.of(), "gcc (Test) 12.2.0", null).markdown("performance.svg");
        assertTrue(md.contains("## tcp-pingpong-c1-s64: TCP ping-pong, 1 connection, 64 B\n\nLoad generator: native."), md);
        assertTrue(md.contains("| Load generator | native (C, `benchmarks/native/loadgen.c`, built here with "
                + "`gcc -O2 -std=gnu11 -Wall -Wextra`, gcc (Test) 12.2.0, one thread, epoll); Java"), md);
        assertTrue(md.contains("for tcp-idle, which the native one does not run |"), md);
    }

    @Test
    void namesTheJavaLoadGeneratorWhenItRunsEverything() {
        String md = report(Fixtures.options("--client", "java"), List.of(NETTY_NIO), new Measurements(), List.of());
        assertTrue(md.contains("Load generator: java."), md);
        assertTrue(md.contains("| Load generator | Java (`dev.switchboard.benchmarks.load`), 1 selector thread in the runner's JVM |"), md);
    }
}
