package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The machine a comparison ran on, as the report describes it.
 *
 * @param cpu the CPU model, from {@code /proc/cpuinfo}
 * @param cores the machine's processors, from {@code /proc/cpuinfo}: not the JVM's available
 *     processors, which a pinned runner ({@code taskset}) sees as one
 * @param memory total memory, from {@code /proc/meminfo}
 * @param os the distribution, from {@code /etc/os-release}
 * @param kernel the kernel release
 * @param jdk the Java runtime every process runs on
 */
record Machine(String cpu, int cores, String memory, String os, String kernel, String jdk) {

    /** @return this machine */
    static Machine detect() {
        return new Machine(
                field(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch")),
                processors().orElse(Runtime.getRuntime().availableProcessors()),
                field(Path.of("/proc/meminfo"), "MemTotal").map(Machine::gibibytes).orElse("unknown"),
                field(Path.of("/etc/os-release"), "PRETTY_NAME").map(s -> s.replace("\"", "")).orElse(System.getProperty("os.name")),
                System.getProperty("os.version"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")");
    }

    private static Optional<Integer> processors() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            long count = lines.filter(line -> line.startsWith("processor")).count();
            return count > 0 ? Optional.of((int) count) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> field(Path file, String name) {
        try {
            List<String> lines = Files.readAllLines(file);
            return lines.stream()
                    .filter(line -> line.startsWith(name))
                    .map(line -> line.substring(line.indexOf(line.contains(":") ? ':' : '=') + 1).trim())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String gibibytes(String memTotal) {
        long kib = Long.parseLong(memTotal.replace("kB", "").trim());
        return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / (1024.0 * 1024.0));
    }
}
