package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a process has used, from {@code /proc/PID/stat}: user plus system time of all its
 * threads, the live ones and those that have ended, in clock ticks.
 */
final class ProcessCpu {

    /** {@code utime} and {@code stime} are fields 14 and 15 of the line; the name in field 2 may hold spaces. */
    private static final int UTIME_AFTER_NAME = 11;

    private ProcessCpu() {}

    /**
     * @param stat the content of {@code /proc/PID/stat}
     * @return {@code utime + stime}, in clock ticks
     * @throws IllegalArgumentException if the text is no such line
     */
    static long ticks(String stat) {
        int nameEnd = stat.lastIndexOf(')');
        if (nameEnd < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split("\\s+");
        if (fields.length < UTIME_AFTER_NAME + 2) {
            throw new IllegalArgumentException("a /proc/PID/stat line of " + fields.length + " fields after the name: " + stat);
        }
        try {
            return Long.parseLong(fields[UTIME_AFTER_NAME]) + Long.parseLong(fields[UTIME_AFTER_NAME + 1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("utime and stime are not numbers in: " + stat, e);
        }
    }

    /**
     * @param pid a running process
     * @param ticksPerSecond the kernel's clock ticks per second ({@code getconf CLK_TCK})
     * @return the CPU time it has used so far, in seconds
     * @throws IOException if it has ended or its stat cannot be read
     */
    static double seconds(long pid, long ticksPerSecond) throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / (double) ticksPerSecond;
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
