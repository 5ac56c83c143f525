package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The CPU time a process has used, from {@code /proc/PID/stat}: of all its threads, the live ones
 * and those that have ended, in clock ticks.
 *
 * @param userTicks {@code utime}: running its own code (the JVM, the JIT's code, the JIT itself)
 * @param systemTicks {@code stime}: in the kernel on its behalf (system calls, the network stack)
 * @param compilerTicks of the two, the time of the JIT compiler's threads alive when read
 *     ({@code C1 CompilerThre}, {@code C2 CompilerThre}, from {@code /proc/PID/task/TID/stat})
 */
record ProcessCpu(long userTicks, long systemTicks, long compilerTicks) {

    /** {@code utime} and {@code stime} are fields 14 and 15 of the line; the name in field 2 may hold spaces. */
    private static final int UTIME_AFTER_NAME = 11;

    /**
     * @param stat the content of {@code /proc/PID/stat}
     * @return its user and system time
     * @throws IllegalArgumentException if the text is no such line
     */
    static ProcessCpu parse(String stat) {
        return parse(stat, 0);
    }

    private static ProcessCpu parse(String stat, long compilerTicks) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split("\\s+");
        if (fields.length < UTIME_AFTER_NAME + 2) {
            throw new IllegalArgumentException("a /proc/PID/stat line of " + fields.length + " fields after the name: " + stat);
        }
        try {
            return new ProcessCpu(Long.parseLong(fields[UTIME_AFTER_NAME]), Long.parseLong(fields[UTIME_AFTER_NAME + 1]),
                    compilerTicks);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime and stime are not numbers in: " + stat, e);
        }
    }

    /**
     * @param pid a running process
     * @return the CPU time it has used so far
     * @throws IOException if it has ended or its stat cannot be read
     */
    static ProcessCpu read(long pid) throws IOException {
        Path process = Path.of("/proc", Long.toString(pid));
        long compiler = 0;
        try (Stream<Path> tasks = Files.list(process.resolve("task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    if (isCompiler(stat)) {
                        compiler += parse(stat).ticks();
                    }
                } catch (IOException e) {
                    // the thread ended since the listing
                }
            }
        }
        return parse(Files.readString(process.resolve("stat")), compiler);
    }

    /** @return whether a thread's stat line is a JIT compiler thread's */
    static boolean isCompiler(String stat) {
        int name = stat.indexOf('(');
        return stat.startsWith("C1 CompilerThre", name + 1) || stat.startsWith("C2 CompilerThre", name + 1);
    }

    /** @return user plus system ticks */
    long ticks() {
        return userTicks + systemTicks;
    }

    /**
     * @return the time used since {@code earlier}; the compiler's is a lower bound (never below 0):
     *     a compiler thread that ended in between takes its time out of the sum
     */
    ProcessCpu since(ProcessCpu earlier) {
        return new ProcessCpu(userTicks - earlier.userTicks, systemTicks - earlier.systemTicks,
                Math.max(0, compilerTicks - earlier.compilerTicks));
    }

    /** @return the kernel's clock ticks per second, from {@code getconf CLK_TCK}; 100 if that cannot say */
    static long ticksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            return getconf.waitFor() == 0 ? Long.parseLong(out) : 100;
        } catch (IOException | NumberFormatException e) {
            return 100;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
