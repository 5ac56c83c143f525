package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Samples a server while a load run goes on beside it: its CPU time at the start and the end of
 * the run's measured window, and, if asked, its system calls in between. A thread of its own
 * waits out the warm-up, samples, waits for the window and samples again, a little before the
 * load generator stops ({@link #END_MARGIN}), so that the window holds traffic throughout.
 * Requests in the window are the run's throughput times the window's length: the load generator's
 * own window starts a few milliseconds later (it connects first), which this rate-based count
 * does not mind.
 */
final class MeasuredWindow {

    /** How long before the end of the load generator's window the samples end; at most a tenth of it. */
    static final Duration END_MARGIN = Duration.ofMillis(200);

    private final Thread sampler;
    private volatile double cpuSeconds;
    private volatile long windowNanos;
    private volatile SyscallCounts counts;
    private volatile Exception failure;

    private MeasuredWindow(long pid, long ticksPerSecond, Duration warmup, Duration duration,
            Optional<SyscallCounter> counter, Path counterOutput) {
        long margin = Math.min(END_MARGIN.toNanos(), duration.toNanos() / 10);
        sampler = new Thread(() -> {
            try {
                sample(pid, ticksPerSecond, warmup.toNanos(), duration.toNanos() - margin, counter, counterOutput);
            } catch (IOException | RuntimeException | InterruptedException e) {
                failure = e;
            }
        }, "measured-window");
        sampler.setDaemon(true);
    }

    private void sample(long pid, long ticksPerSecond, long warmupNanos, long windowNanos,
            Optional<SyscallCounter> counter, Path counterOutput) throws IOException, InterruptedException {
        long warmupEnd = System.nanoTime() + warmupNanos;
        try (SyscallCounter.Window syscalls = counter.isPresent() ? counter.get().prepare(pid, counterOutput) : null) {
            TimeUnit.NANOSECONDS.sleep(warmupEnd - System.nanoTime());
            if (syscalls != null) {
                syscalls.begin();
            }
            long start = System.nanoTime();
            double cpuStart = ProcessCpu.seconds(pid, ticksPerSecond);
            TimeUnit.NANOSECONDS.sleep(windowNanos);
            cpuSeconds = ProcessCpu.seconds(pid, ticksPerSecond) - cpuStart;
            this.windowNanos = System.nanoTime() - start;
            if (syscalls != null) {
                counts = syscalls.end();
            }
        }
    }

    /**
     * Starts sampling; call just before the load run starts.
     *
     * @param pid the server's JVM
     * @param counter the system call counter to attach for the window, if any
     * @param counterOutput where the counter writes
     */
    static MeasuredWindow start(long pid, long ticksPerSecond, Duration warmup, Duration duration,
            Optional<SyscallCounter> counter, Path counterOutput) {
        MeasuredWindow window = new MeasuredWindow(pid, ticksPerSecond, warmup, duration, counter, counterOutput);
        window.sampler.start();
        return window;
    }

    /**
     * @param result the load run, finished
     * @return what the window cost the server per request
     * @throws IOException if the server could not be sampled or the counter failed
     */
    ServerProfile finish(Result result) throws IOException, InterruptedException {
        sampler.join();
        if (failure != null) {
            throw new IOException("sampling the server failed: " + failure, failure);
        }
        double requests = result.messagesPerSecond() * windowNanos / 1e9;
        if (requests <= 0) {
            throw new IOException("no requests in the measured window");
        }
        return ServerProfile.of(cpuSeconds, Optional.ofNullable(counts), requests);
    }

    /** Stops sampling, early if the run failed, and waits until a counter attached is gone. */
    void abandon() throws InterruptedException {
        sampler.interrupt();
        sampler.join();
    }
}
