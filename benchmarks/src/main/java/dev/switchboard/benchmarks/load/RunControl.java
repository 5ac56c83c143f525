package dev.switchboard.benchmarks.load;

import java.nio.channels.Selector;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the client threads of one run share: the measured window, the request to stop, and the first
 * failure, which stops every thread.
 *
 * <p>Times are {@link System#nanoTime()} values, compared directly rather than by difference: on
 * Linux they count from boot and do not wrap, and {@link Long#MAX_VALUE} can then mean "never".
 */
final class RunControl {

    /** The {@link System#nanoTime()} at which the warm-up ends and measuring starts. */
    final long measureFrom;
    /** The {@link System#nanoTime()} at which measuring and the run end; {@link Long#MAX_VALUE} = when stopped. */
    final long measureUntil;
    private final List<Selector> selectors = new CopyOnWriteArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;

    RunControl(long measureFrom, long measureUntil) {
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
    }

    /** Lets {@link #stop()} wake up {@code selector}'s thread. */
    void watch(Selector selector) {
        selectors.add(selector);
    }

    /** @return whether the run is to stop */
    boolean isStopped() {
        return stopped;
    }

    /** Asks every client thread to stop. */
    void stop() {
        stopped = true;
        selectors.forEach(Selector::wakeup);
    }

    /** Records {@code cause} unless a failure was recorded before, and stops the run. */
    void fail(Throwable cause) {
        failure.compareAndSet(null, cause);
        stop();
    }

    /** @return the first failure, or {@code null} */
    Throwable failure() {
        return failure.get();
    }
}
