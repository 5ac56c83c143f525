package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    /** A JVM's /proc/PID/stat as the kernel wrote it (utime 1744, stime 310). */
    private static final String JVM_STAT = "12184 (java) S 1 12180 12180 0 -1 4194560 31402 0 6 0 1744 310 0 0 20 0 "
            + "31 0 1811020 3794272256 45233 18446744073709551615 94617237225472 94617237226241 140727425590000 0 0 "
            + "0 4 0 16800975 0 0 0 17 1 0 0 0 0 0 94617237240464 94617237241104 94617247674368 140727425597287 "
            + "140727425598131 140727425598131 140727425601490 0\n";

    @Test
    void readsUserAndSystemTime() {
        assertEquals(new ProcessCpu(1744, 310, 0), ProcessCpu.parse(JVM_STAT));
        assertEquals(1744 + 310, ProcessCpu.parse(JVM_STAT).ticks());
    }

    @Test
    void findsTheFieldsAfterANameWithSpacesAndParentheses() {
        String stat = JVM_STAT.replace("(java)", "(a (b) c)");
        assertEquals(new ProcessCpu(1744, 310, 0), ProcessCpu.parse(stat));
    }

    @Test
    void tellsTheJitCompilersThreadsByName() {
        assertTrue(ProcessCpu.isCompiler(JVM_STAT.replace("(java)", "(C2 CompilerThre)")));
        assertTrue(ProcessCpu.isCompiler(JVM_STAT.replace("(java)", "(C1 CompilerThre)")));
        assertFalse(ProcessCpu.isCompiler(JVM_STAT.replace("(java)", "(epollEventLoopG)")));
    }

    @Test
    void countsTheTimeSinceAnEarlierReadingAndNoNegativeCompilerTime() {
        ProcessCpu since = new ProcessCpu(150, 60, 5).since(new ProcessCpu(100, 50, 20));
        assertEquals(new ProcessCpu(50, 10, 0), since);
    }

    @Test
    void refusesTextThatIsNoStatLine() {
        assertThrows(IllegalArgumentException.class, () -> ProcessCpu.parse("MemTotal: 100 kB"));
        assertThrows(IllegalArgumentException.class, () -> ProcessCpu.parse("1 (x) S 1 2 3"));
    }

    @Test
    void readsALiveProcessWhoseTimeGrowsAsItWorks() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "needs Linux's /proc");
        long pid = ProcessHandle.current().pid();
        long before = ProcessCpu.read(pid).ticks();
        long deadline = System.nanoTime() + 10_000_000_000L;
        long now = before;
        long sink = 0;
        while (now <= before && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Long.numberOfTrailingZeros(sink + i);
            }
            now = ProcessCpu.read(pid).ticks();
        }
        assertTrue(now > before, "CPU time did not grow in 10 s of spinning (" + sink + ")");
    }
}
