package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Each counter attached to a real process; skipped where the tool is not installed or not allowed (CI). */
class SyscallCounterTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(SyscallCounter.class)
    void countsTheReadsAndWritesOfAProcessThatCopies(SyscallCounter counter) throws Exception {
        assumeTrue(counter.available(), counter + " is not installed or may not trace here; the runner installs "
                + "strace only when asked to count (benchmarks/run --syscalls)");
        Process cat = new ProcessBuilder("cat", "/dev/zero").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (SyscallCounter.Window window = counter.prepare(cat.pid(), directory.resolve("counts"))) {
            window.begin();
            TimeUnit.MILLISECONDS.sleep(300);
            window.end();
            SyscallCounts counts = window.counts();
            assertTrue(counts.calls().getOrDefault("read", 0L) > 0, counts.toString());
            assertTrue(counts.calls().getOrDefault("write", 0L) > 0, counts.toString());
        } finally {
            cat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
