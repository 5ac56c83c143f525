package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A server process's resident memory (VmRSS), read from {@code /proc} after asking its JVM for a
 * full collection ({@code jcmd <pid> GC.run}, twice) and to return the C library's freed memory to the
 * system ({@code jcmd <pid> System.trim_native_heap}), then letting it settle: garbage does not count
 * as memory in use, nor do the arenas that the JIT compilers' threads freed but {@code malloc}
 * keeps (megabytes, from compiling while the connections came in, whatever the server).
 */
public final class ServerMemory {

    private static final long SETTLE_MILLIS = 500;
    private static final long JCMD_TIMEOUT_SECONDS = 30;

    private ServerMemory() {}

    /**
     * @param pid the server's process id
     * @return its resident memory in KiB after a full GC
     * @throws IOException if {@code /proc/<pid>/status} cannot be read
     */
    public static long settledRssKiB(long pid) throws IOException, InterruptedException {
        // twice: what the first collection's cleaners release (a pool's direct memory) the second collects
        jcmd(pid, "GC.run");
        Thread.sleep(SETTLE_MILLIS);
        jcmd(pid, "GC.run");
        jcmd(pid, "System.trim_native_heap");
        Thread.sleep(SETTLE_MILLIS);
        return rssKiB(pid);
    }

    /**
     * @param pid a process id
     * @return its resident memory in KiB, as {@code VmRSS} in {@code /proc/<pid>/status} says
     * @throws IOException if the file cannot be read or has no {@code VmRSS} line
     */
    public static long rssKiB(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IOException(status + " has no VmRSS line");
    }

    private static void jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + pid + " " + command + " did not finish within " + JCMD_TIMEOUT_SECONDS + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed with exit code " + process.exitValue());
        }
    }
}
