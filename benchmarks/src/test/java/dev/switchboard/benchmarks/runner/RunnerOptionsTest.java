package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerOptionsTest {

    @Test
    void quickMeansOneShortRound() {
        RunnerOptions quick = Fixtures.options("--quick");
        assertEquals(1, quick.rounds());
        assertEquals(Duration.ofSeconds(2), quick.duration());
    }

    @Test
    void aRealRunHasThreeRoundsWithWarmUp() {
        RunnerOptions real = Fixtures.options();
        assertEquals(3, real.rounds());
        assertEquals(Duration.ofSeconds(5), real.warmup());
        assertEquals(Duration.ofSeconds(10), real.duration());
    }

    @Test
    void countsSystemCallsOnlyWhenAsked() {
        assertFalse(Fixtures.options().syscalls());
        RunnerOptions counted = Fixtures.options("--syscalls");
        assertTrue(counted.syscalls());
        assertEquals("auto", counted.syscallCounter());
        assertEquals("strace", Fixtures.options("--syscalls", "--syscall-counter", "strace").syscallCounter());
    }

    @Test
    void refusesAnUnknownSyscallCounter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fixtures.options("--syscalls", "--syscall-counter", "ltrace"));
        assertTrue(e.getMessage().contains("--syscall-counter"), e.getMessage());
    }

    @Test
    void onlySelectsScenariosByNamePrefix() {
        List<String> names = Fixtures.options("--only", "udp,tcp-churn").scenarios().stream().map(Scenario::name).toList();
        assertEquals(List.of("udp-c16-d8-s64", "udp-c16-d8-s1400", "tcp-churn-l8"), names);
    }

    @Test
    void coversEveryWorkloadOfTheComparison() {
        List<String> names = Fixtures.options().scenarios().stream().map(Scenario::name).toList();
        assertEquals(List.of("tcp-pingpong-c1-s64", "tcp-pingpong-c1-s1024", "tcp-pingpong-c64-s64",
                "tcp-pingpong-c64-s1024", "tcp-pipelined-c16-d32", "udp-c16-d8-s64", "udp-c16-d8-s1400",
                "tcp-churn-l8", "tcp-idle", "tcp-rate-c16-s64"), names);
    }

    @Test
    void splitsJvmFlagsOnWhitespace() {
        assertEquals(List.of("-Xmx1g", "-XX:+UseSerialGC"), Fixtures.options("--jvm-flags", " -Xmx1g  -XX:+UseSerialGC ").jvmFlags());
    }

    @Test
    void writesThePerformanceReportWithItsChartNextToIt() {
        RunnerOptions options = Fixtures.options("--repo", "/repo");
        assertEquals(Path.of("/repo/docs/PERFORMANCE.md"), options.report());
        assertEquals(Path.of("/repo/docs/performance.svg"), options.chart());
        assertFalse(options.pin());
    }

    @Test
    void serversGetTheProcessorsTheLoadGeneratorLeaves() {
        assertEquals(1, RunnerOptions.loopsBeside(2, 1));
        assertEquals(7, RunnerOptions.loopsBeside(8, 1));
        assertEquals(6, RunnerOptions.loopsBeside(8, 2), "the Java load generator's selector threads");
        assertEquals(1, RunnerOptions.loopsBeside(1, 1), "never fewer than one");
        int processors = Runtime.getRuntime().availableProcessors();
        assertEquals(RunnerOptions.loopsBeside(processors, 1), Fixtures.options().loops(), "the native load generator's one thread");
        assertEquals(RunnerOptions.loopsBeside(processors, 3), Fixtures.options("--client", "java", "--client-threads", "3").loops());
    }

    @Test
    void loopsAreTheSameForEveryServerAndCanBeSet() {
        assertEquals(4, Fixtures.options("--loops", "4").loops());
        assertEquals(1, Fixtures.options("--pin").loops(), "a pinned server has one processor");
        assertThrows(IllegalArgumentException.class, () -> Fixtures.options("--loops", "0"));
    }

    @Test
    void aPinnedRunHasAReportAndChartOfItsOwn() {
        RunnerOptions pinned = Fixtures.options("--repo", "/repo", "--pin");
        assertTrue(pinned.pin());
        assertEquals(Path.of("/repo/docs/PERFORMANCE-pinned.md"), pinned.report());
        assertEquals(Path.of("/repo/docs/performance-pinned.svg"), pinned.chart());
    }

    @Test
    void refusesAnUnknownServer() {
        assertThrows(IllegalArgumentException.class, () -> Fixtures.options("--servers", "netty-kqueue"));
    }

    @Test
    void theNativeLoadGeneratorIsTheDefault() {
        RunnerOptions options = Fixtures.options();
        assertEquals("native", options.client());
        assertTrue(options.needsNativeClient());
        assertEquals("native", options.clientFor(scenario(options, "udp-c16-d8-s1400")));
    }

    @Test
    void theJavaLoadGeneratorRunsWhatTheNativeOneCannot() {
        RunnerOptions options = Fixtures.options();
        assertEquals("java", options.clientFor(scenario(options, "tcp-idle")));
        assertEquals("native", options.clientFor(scenario(options, "tcp-rate-c16-s64")));
    }

    @Test
    void clientJavaRunsEveryScenarioOnTheJavaLoadGenerator() {
        RunnerOptions options = Fixtures.options("--client", "java");
        assertTrue(options.scenarios().stream().allMatch(s -> options.clientFor(s).equals("java")));
        assertFalse(options.needsNativeClient());
    }

    @Test
    void noNativeBuildWhenOnlyJavaScenariosRun() {
        assertFalse(Fixtures.options("--only", "tcp-idle").needsNativeClient());
    }

    @Test
    void refusesAnUnknownClient() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Fixtures.options("--client", "rust"));
        assertTrue(e.getMessage().contains("native or java"), e.getMessage());
    }

    private static Scenario scenario(RunnerOptions options, String name) {
        return options.scenarios().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
