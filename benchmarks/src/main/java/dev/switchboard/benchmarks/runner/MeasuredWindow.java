package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Samples a server over a load run's measured window. CPU time is read when the warm-up ends and
 * when the load generator has returned: that covers the generator's own window (which starts a few
 * milliseconds later, once it has connected, and ends before it returns) with idle edges only, so
 * the requests served in it are exactly the run's.
 *
 * <p>System calls, if asked, are counted as their counter allows. strace attaches within
 * milliseconds but slows the server several times over while attached, so it is attached from the
 * warm-up's end until the generator has returned, like the CPU samples, and its counts are divided
 * by the run's requests. perf takes up to a few hundred milliseconds to enable or disable its
 * counters on a busy machine but hardly slows the server, so it is enabled inside the generator's
 * window only (disabled a quarter of the window before its end); its window runs from halfway
 * through the enabling (between the command and perf's acknowledgement) to halfway through the
 * disabling, and the requests in it are the run's throughput times its length. A counter that was
 * not counting in time fails the run rather than give a wrong number.
 */
final class MeasuredWindow implements AutoCloseable {

    /** strace may attach at most this fraction of the measured time after the warm-up's end. */
    private static final int LATE_FRACTION = 50;
    /** perf is disabled this fraction of the measured time before the window's end: disabling takes up to half a second on a busy machine. */
    private static final int PERF_MARGIN_FRACTION = 4;

    private final long pid;
    private final long ticksPerSecond;
    private final long duration;
    private final SyscallCounter.Window syscalls;
    private final Thread starter;
    private long warmupEnd;
    private double cpuStart;
    private long counterLate;
    private long counterEnded;
    private long countedNanos;
    private SyscallCounts counts;
    private Exception failure;

    private MeasuredWindow(long pid, long ticksPerSecond, Duration warmup, Duration duration,
            SyscallCounter.Window syscalls) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
        this.duration = duration.toNanos();
        this.syscalls = syscalls;
        this.starter = new Thread(() -> {
            try {
                warmupEnd = System.nanoTime() + warmup.toNanos();
                TimeUnit.NANOSECONDS.sleep(warmupEnd - System.nanoTime());
                cpuStart = ProcessCpu.seconds(pid, ticksPerSecond);
                if (syscalls != null) {
                    long enabling = System.nanoTime();
                    syscalls.begin();
                    long enabled = System.nanoTime();
                    counterLate = enabled - warmupEnd;
                    if (!syscalls.slowsServer()) {
                        TimeUnit.NANOSECONDS.sleep(warmupEnd + this.duration - this.duration / PERF_MARGIN_FRACTION
                                - System.nanoTime());
                        long disabling = System.nanoTime();
                        syscalls.end();
                        long disabled = System.nanoTime();
                        counterEnded = disabled - warmupEnd;
                        countedNanos = (disabling + disabled) / 2 - (enabling + enabled) / 2;
                        counts = syscalls.counts();
                    }
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                failure = e;
            }
        }, "measured-window");
        starter.setDaemon(true);
    }

    /**
     * Starts sampling; call just before the load run starts. A counter is made ready first (perf
     * opens its counters on every thread of the server, which takes seconds).
     *
     * @param pid the server's JVM
     * @param duration the load run's measured time
     * @param counter the system call counter for the window, if any
     * @param counterOutput where the counter writes
     */
    static MeasuredWindow start(long pid, long ticksPerSecond, Duration warmup, Duration duration,
            Optional<SyscallCounter> counter, Path counterOutput) throws IOException, InterruptedException {
        SyscallCounter.Window syscalls = counter.isPresent() ? counter.get().prepare(pid, counterOutput) : null;
        MeasuredWindow window = new MeasuredWindow(pid, ticksPerSecond, warmup, duration, syscalls);
        window.starter.start();
        return window;
    }

    /**
     * Takes the last samples; call as soon as the load run has returned.
     *
     * @param result the load run
     * @return what the window cost the server per request
     * @throws IOException if the server could not be sampled or the counter did not count in time
     */
    ServerProfile finish(Result result) throws IOException, InterruptedException {
        starter.join(); // the thread's writes happen-before this point
        if (failure != null) {
            throw new IOException("sampling the server failed: " + failure.getMessage(), failure);
        }
        double cpu = ProcessCpu.seconds(pid, ticksPerSecond) - cpuStart;
        if (syscalls != null && syscalls.slowsServer()) {
            syscalls.end();
            counts = syscalls.counts();
            if (counterLate > duration / LATE_FRACTION) {
                throw new IOException(String.format(Locale.ROOT, "the system call counter attached %.0f ms after the "
                        + "warm-up ended, too late to count the window", counterLate / 1e6));
            }
        }
        if (syscalls != null && !syscalls.slowsServer() && counterEnded > duration) {
            throw new IOException(String.format(Locale.ROOT, "the system call counter was disabled %.0f ms after the "
                    + "warm-up ended, beyond the window of %.0f ms", counterEnded / 1e6, duration / 1e6));
        }
        if (result.messages() <= 0) {
            throw new IOException("no requests in the measured window");
        }
        double countedRequests = syscalls == null || syscalls.slowsServer() ? result.messages()
                : result.messagesPerSecond() * countedNanos / 1e9;
        return ServerProfile.of(cpu, result.messages(), Optional.ofNullable(counts), countedRequests);
    }

    /** Stops sampling, early if the run failed, and the counter if it still runs. */
    @Override
    public void close() throws IOException, InterruptedException {
        starter.interrupt();
        starter.join();
        if (syscalls != null) {
            syscalls.close();
        }
    }
}
