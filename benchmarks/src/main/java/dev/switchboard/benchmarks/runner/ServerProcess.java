package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** A server under test running in its own process, its output going to a log file. */
final class ServerProcess implements AutoCloseable {

    private static final long STOP_TIMEOUT_SECONDS = 15;
    private static final int LOG_TAIL_LINES = 20;

    private final Process process;
    private final Path log;
    private final long startedAt;

    private ServerProcess(Process process, Path log, long startedAt) {
        this.process = process;
        this.log = log;
        this.startedAt = startedAt;
    }

    /**
     * @param command the server's command line and environment
     * @param log where its standard output and error go
     * @return the started process, perhaps not ready yet
     */
    static ServerProcess start(ProcessBuilder command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        command.redirectErrorStream(true).redirectOutput(log.toFile());
        long startedAt = System.nanoTime(); // just before the fork and exec
        return new ServerProcess(command.start(), log, startedAt);
    }

    /**
     * Polls a TCP port every millisecond until a connection to it succeeds: the kernel completes
     * the handshake once the server listens, whether or not it has accepted yet.
     *
     * @return the nanoseconds from just before the process's fork and exec to the first successful connect
     * @throws IOException if the process dies or the port does not accept in time, with the end of its log
     */
    long awaitAccepting(InetSocketAddress tcp, long timeoutNanos) throws IOException, InterruptedException {
        return awaitReady(List.of(tcp), List.of(), timeoutNanos);
    }

    /**
     * Waits until the given endpoints answer.
     *
     * @return the nanoseconds from the process's start until they all answered
     * @throws IOException if the process dies or does not get ready in time, with the end of its log
     */
    long awaitReady(List<InetSocketAddress> tcp, List<InetSocketAddress> udp, long timeoutNanos)
            throws IOException, InterruptedException {
        if (!Readiness.await(tcp, udp, process::isAlive, timeoutNanos)) {
            String why = process.isAlive()
                    ? "did not answer on " + tcp + " (TCP) and " + udp + " (UDP) within "
                            + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s"
                    : "exited with code " + process.waitFor();
            throw new IOException("the server " + why + "; the end of " + log + ":\n" + logTail());
        }
        return System.nanoTime() - startedAt;
    }

    /**
     * The JVM's process id: the process itself when its start script {@code exec}s Java, else the
     * Java process below it.
     */
    long jvmPid() {
        ProcessHandle handle = process.toHandle();
        if (isJava(handle)) {
            return handle.pid();
        }
        return handle.descendants().filter(ServerProcess::isJava).findFirst().orElse(handle).pid();
    }

    /**
     * Asks the server to stop (SIGTERM), as an operator would, and kills it if it takes too long or
     * if this thread is interrupted while waiting.
     */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.toHandle().descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static boolean isJava(ProcessHandle handle) {
        Optional<String> command = handle.info().command();
        return command.isPresent() && Path.of(command.get()).getFileName().toString().equals("java");
    }
}
