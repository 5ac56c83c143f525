package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A tool that counts a running process's system calls by name over a window: {@code perf stat}
 * on the kernel's {@code syscalls:sys_enter_*} tracepoints where that works (counted in the
 * kernel, a small cost per call), else {@code strace -f -c} (which stops the calling thread at
 * every call: it slows the server several times over).
 */
enum SyscallCounter {

    /**
     * {@code perf stat -x, -e raw_syscalls:sys_enter,syscalls:sys_enter_NAME,... -p PID}: every
     * system call, and by name those a network server makes ({@link #PERF_NAMES}; the rest count
     * as {@link SyscallCounts#OTHERS}). All 360 {@code sys_enter_*} tracepoints on each of a
     * JVM's 30 threads take a minute to open and close on a busy machine. perf starts disabled
     * and is enabled and disabled through its control FIFO.
     */
    PERF("perf stat -e raw_syscalls:sys_enter,syscalls:sys_enter_NAME,... -p PID (kernel tracepoints, every thread)"),
    /** {@code strace -f -c -p PID}, attached when the window starts. */
    STRACE("strace -f -c -p PID (ptrace, every thread)");

    private static final long TIMEOUT_SECONDS = 30;

    /** The system calls perf counts by name. */
    static final List<String> PERF_NAMES = List.of("read", "write", "readv", "writev", "pread64", "pwrite64",
            "recvfrom", "sendto", "recvmsg", "sendmsg", "recvmmsg", "sendmmsg", "epoll_wait", "epoll_pwait",
            "epoll_pwait2", "epoll_ctl", "poll", "ppoll", "futex", "accept", "accept4", "connect", "close", "shutdown",
            "socket", "getsockopt", "setsockopt", "getsockname", "getpeername", "ioctl", "fcntl", "sched_yield",
            "nanosleep", "clock_nanosleep", "mmap", "munmap", "mprotect", "madvise", "openat", "newfstatat", "gettid",
            "sysinfo", "rt_sigprocmask", "io_uring_enter", "eventfd2", "pipe2", "sched_getaffinity");

    private final String description;

    SyscallCounter(String description) {
        this.description = description;
    }

    /** @return the command, for the report */
    String description() {
        return description;
    }

    /**
     * @return perf if it can count system call tracepoints here, else strace if it is installed
     * @throws IOException naming what to install when neither can
     */
    static SyscallCounter detect() throws IOException {
        for (SyscallCounter counter : values()) {
            if (counter.available()) {
                return counter;
            }
        }
        throw new IOException("--syscalls needs perf with the syscalls:* tracepoints, or strace: neither works here "
                + "(apt-get update && apt-get install -y strace)");
    }

    /** @return whether this counter works here */
    boolean available() {
        return switch (this) {
            case PERF -> works(List.of("perf", "stat", "-x,", "-e", "syscalls:sys_enter_getpid", "--", "true"));
            case STRACE -> works(List.of("strace", "-c", "-o", "/dev/null", "true"));
        };
    }

    /**
     * Gets ready to count a process's system calls; nothing is counted until {@link Window#begin()}.
     *
     * @param pid the process, all of whose threads are counted
     * @param output where the tool writes its counts; its own messages go next to it ({@code .log})
     */
    Window prepare(long pid, Path output) throws IOException, InterruptedException {
        Files.createDirectories(output.getParent());
        Files.deleteIfExists(output);
        Path log = output.resolveSibling(output.getFileName() + ".log");
        if (this == STRACE) {
            return new Window(this, null, List.of("strace", "-f", "-c", "-o", output.toString(), "-p", Long.toString(pid)),
                    output, log, null, null);
        }
        Path control = output.resolveSibling(output.getFileName() + ".ctl");
        Path ack = output.resolveSibling(output.getFileName() + ".ack");
        for (Path fifo : List.of(control, ack)) {
            Files.deleteIfExists(fifo);
            if (!works(List.of("mkfifo", fifo.toString()))) {
                throw new IOException("mkfifo " + fifo + " failed");
            }
        }
        Process perf = start(List.of("perf", "stat", "-x,", "-o", output.toString(), "-D", "-1",
                "--control", "fifo:" + control + "," + ack, "-e", perfEvents(), "-p", Long.toString(pid)), log);
        // Read-write opens of a FIFO do not wait for the other end.
        Window window = new Window(this, perf, List.of(), output, log, new RandomAccessFile(control.toFile(), "rw"),
                new RandomAccessFile(ack.toFile(), "rw"));
        try {
            window.awaitLog("Events disabled"); // perf says so once every counter is open
        } catch (IOException | InterruptedException e) {
            window.close();
            throw e;
        }
        return window;
    }

    /** The counting of one window: {@link #begin()}, {@link #end()}, {@link #counts()}; {@link #close()} in any case. */
    static final class Window implements AutoCloseable {
        private final SyscallCounter counter;
        private final List<String> lateCommand;
        private final Path output;
        private final Path log;
        private final RandomAccessFile control;
        private final RandomAccessFile ack;
        private Process process;

        private Window(SyscallCounter counter, Process process, List<String> lateCommand, Path output, Path log,
                RandomAccessFile control, RandomAccessFile ack) {
            this.counter = counter;
            this.process = process;
            this.lateCommand = lateCommand;
            this.output = output;
            this.log = log;
            this.control = control;
            this.ack = ack;
        }

        /** Starts counting; returns once the counter counts. */
        void begin() throws IOException, InterruptedException {
            if (counter == STRACE) {
                process = start(lateCommand, log);
                awaitLog("attached"); // "Process N attached with M threads", once it traces them all
            } else {
                command("enable");
            }
        }

        /** Stops counting: returns once perf has disabled its counters, or strace has been told to detach. */
        void end() throws IOException, InterruptedException {
            if (counter == PERF) {
                command("disable");
            }
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }

        /**
         * Waits for the tool to exit and reads what it counted; call after {@link #end()}.
         *
         * @return the counts between {@link #begin()} and {@link #end()}
         * @throws IOException if the tool failed or wrote no counts
         */
        SyscallCounts counts() throws IOException, InterruptedException {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(counter + " did not stop within " + TIMEOUT_SECONDS + " s of SIGINT");
            }
            if (!Files.exists(output)) {
                throw new IOException(counter + " wrote no counts (exit " + process.exitValue() + "); see " + log);
            }
            String text = Files.readString(output);
            try {
                return counter == PERF ? SyscallCounts.parsePerf(text) : SyscallCounts.parseStrace(text);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage() + " (see " + log + ")", e);
            }
        }

        /** Stops the tool if it still runs, and closes the control FIFOs. */
        @Override
        public void close() throws IOException {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (control != null) {
                control.close();
                ack.close();
            }
        }

        /** Sends perf a control command and waits for its acknowledgement, which follows the command's effect. */
        private void command(String command) throws IOException, InterruptedException {
            control.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<String> reply = CompletableFuture.supplyAsync(() -> {
                try {
                    return ack.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            try {
                // perf writes "ack\n" and the string's terminating NUL, which starts the next line read.
                String answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                if (answer == null || !answer.replace("\0", "").equals("ack")) {
                    throw new IOException("perf answered \"" + answer + "\" to " + command + "; see " + log);
                }
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("perf did not acknowledge " + command + " within " + TIMEOUT_SECONDS + " s"
                        + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")") + "; see " + log, e);
            }
        }

        private void awaitLog(String text) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (!(Files.exists(log) && Files.readString(log).contains(text))) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IOException(counter + " did not get ready (no \"" + text + "\" in " + log + ")");
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
    }

    private static String perfEvents() {
        return SyscallCounts.PERF_TOTAL + "," + String.join(",",
                PERF_NAMES.stream().map(name -> SyscallCounts.PERF_PREFIX + name).toList());
    }

    private static Process start(List<String> command, Path log) throws IOException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static boolean works(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
