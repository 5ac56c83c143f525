package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.Result;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Samples a server's CPU time over a load run's measured window: when the warm-up ends (a thread
 * of its own waits for that) and when the load generator has returned ({@link #finish}). That
 * covers the generator's own window, which starts a few milliseconds later (once it has connected)
 * and ends before it returns, with idle edges only, so the requests served in it are exactly the
 * run's.
 */
final class MeasuredWindow implements AutoCloseable {

    private final long pid;
    private final long ticksPerSecond;
    private final Thread starter;
    private ProcessCpu cpuStart;
    private Exception failure;

    private MeasuredWindow(long pid, long ticksPerSecond, Duration warmup) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
        this.starter = new Thread(() -> {
            try {
                TimeUnit.NANOSECONDS.sleep(warmup.toNanos());
                cpuStart = ProcessCpu.read(pid);
            } catch (IOException | RuntimeException | InterruptedException e) {
                failure = e;
            }
        }, "measured-window");
        starter.setDaemon(true);
    }

    /**
     * Starts sampling; call just before the load run starts.
     *
     * @param pid the server's JVM
     * @param ticksPerSecond the kernel's clock ticks per second
     * @param warmup the load run's warm-up
     */
    static MeasuredWindow start(long pid, long ticksPerSecond, Duration warmup) {
        MeasuredWindow window = new MeasuredWindow(pid, ticksPerSecond, warmup);
        window.starter.start();
        return window;
    }

    /**
     * Takes the last sample; call as soon as the load run has returned.
     *
     * @param result the load run
     * @return what the window cost the server per request, its system calls not counted
     * @throws IOException if the server could not be sampled
     */
    ServerProfile finish(Result result) throws IOException, InterruptedException {
        starter.join(); // the thread's writes happen-before this point
        if (failure != null) {
            throw new IOException("sampling the server failed: " + failure.getMessage(), failure);
        }
        ProcessCpu cpu = ProcessCpu.read(pid).since(cpuStart);
        if (result.messages() <= 0) {
            throw new IOException("no requests in the measured window");
        }
        double tick = 1.0 / ticksPerSecond;
        return ServerProfile.of(cpu.ticks() * tick, cpu.systemTicks() * tick, cpu.compilerTicks() * tick,
                result.messages(), Optional.empty(), 0);
    }

    /** Stops sampling, early if the run failed. */
    @Override
    public void close() throws InterruptedException {
        starter.interrupt();
        starter.join();
    }
}
