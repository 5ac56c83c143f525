package dev.switchboard.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The server under soak: the distribution's {@code bin/switchboard} in a process of its own, as an
 * operator runs it, with its output in a log file.
 */
final class ServerProcess implements AutoCloseable {

    /** How long a killed server may take to go. */
    static final Duration KILL_WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 100;
    private static final int TAIL_LINES = 30;

    private final Process process;
    private final Path log;

    private ServerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param distribution the distribution's home
     * @param heap its heap, as {@code -Xmx} takes it: all of it committed and touched at the start
     * @param config the configuration file it serves
     * @param log where its standard output and error go
     * @return the process, starting
     */
    static ServerProcess start(Path distribution, String heap, Path config, Path log) throws IOException {
        Path script = distribution.resolve("bin/switchboard");
        if (!Files.isExecutable(script)) {
            throw new IOException(script + " does not exist or cannot be run: the launcher module's package phase makes it");
        }
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // The whole heap resident from the start: RSS growth is then memory outside the heap, which
        // nothing bounds (a heap that fills ends in an OutOfMemoryError, which the log shows).
        builder.environment().put("JAVA_OPTS", "-Xms" + heap + " -Xmx" + heap + " -XX:+AlwaysPreTouch");
        builder.environment().remove("SWITCHBOARD_CDS");
        return new ServerProcess(builder.start(), log);
    }

    /**
     * Waits for the {@code ready} line, then reads where each endpoint listens.
     *
     * @param timeout how long the start may take
     * @return the endpoints' addresses
     * @throws IOException if the server exits, is not ready in time or does not say where it
     *     listens, with the end of its log
     */
    Endpoints awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<String> lines = Files.readAllLines(log);
            if (lines.stream().anyMatch(line -> line.contains("switchboard.launcher  ready in "))) {
                return Endpoints.parse(lines).orElseThrow(() -> failure("was ready but did not log every endpoint's address"));
            }
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before it was ready");
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw failure("was not ready within " + timeout.toSeconds() + " s");
    }

    /** @return the JVM's process id: the script's own, since it {@code exec}s Java once it has its class-data archive */
    long pid() {
        return process.pid();
    }

    /** @return the exit code if the process has ended */
    Optional<Integer> exitCode() {
        return process.isAlive() ? Optional.empty() : Optional.of(process.exitValue());
    }

    /**
     * Sends SIGTERM, as an operator's {@code kill} or a service manager does, and waits.
     *
     * @param bound how long it may take to exit
     * @return how it ended, or that it did not within the bound (it is then killed)
     */
    Stop terminate(Duration bound) throws InterruptedException {
        long start = System.nanoTime();
        process.toHandle().destroy(); // SIGTERM: Process.destroy() would also close our end of its output
        boolean exited = process.waitFor(bound.toNanos(), TimeUnit.NANOSECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (!exited) {
            close();
            return new Stop(false, -1, took);
        }
        return new Stop(true, process.exitValue(), took);
    }

    /** Kills the process if it is still running. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** @return the last lines of its log, for a message */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    private IOException failure(String what) {
        return new IOException("the server " + what + "; the end of " + log + ":\n" + tail());
    }

    /**
     * How a SIGTERM ended the server.
     *
     * @param exited whether it exited within the bound
     * @param exitCode its exit code, -1 if it did not exit
     * @param took from the signal to its exit (or to the bound)
     */
    record Stop(boolean exited, int exitCode, Duration took) {}
}
