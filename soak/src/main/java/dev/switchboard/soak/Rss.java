package dev.switchboard.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory, as Linux reports it. */
final class Rss {

    private Rss() {}

    /**
     * @param pid a process id
     * @return its resident memory in KiB ({@code VmRSS} in {@code /proc/<pid>/status})
     * @throws IOException if the process is gone or the file has no such line
     */
    static long kib(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        throw new IOException(status + " has no VmRSS line");
    }

    /**
     * One reading.
     *
     * @param second seconds since the server was ready
     * @param kib resident memory in KiB
     */
    record Sample(long second, long kib) {}
}
