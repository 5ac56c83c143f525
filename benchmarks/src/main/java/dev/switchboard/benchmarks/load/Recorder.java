package dev.switchboard.benchmarks.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one client thread measured: the latency of each reply that completed inside the measured
 * window (warm-up excluded), and counts. Used by its thread only; read once the thread has ended.
 */
final class Recorder {

    /** Latencies are recorded in nanoseconds, up to a minute; longer ones count as a minute. */
    static final long HIGHEST_LATENCY = TimeUnit.MINUTES.toNanos(1);

    final Histogram latency = new Histogram(HIGHEST_LATENCY, 3);
    /** Open loop: how long after its intended time each request actually left. */
    final Histogram sendLag = new Histogram(HIGHEST_LATENCY, 3);
    private final long measureFrom;
    private final long measureUntil;
    long messages;
    long bytes;
    long lost;
    long late;

    /**
     * @param measureFrom the {@link System#nanoTime()} at which the warm-up ends
     * @param measureUntil the {@link System#nanoTime()} at which measuring ends
     */
    Recorder(long measureFrom, long measureUntil) {
        this.measureFrom = measureFrom;
        this.measureUntil = measureUntil;
    }

    /** Counts a reply of {@code replyBytes} completed at {@code now} for a request sent at {@code sentAt}. */
    void completed(long sentAt, long now, int replyBytes) {
        if (isMeasuring(now)) {
            latency.recordValue(Math.min(Math.max(now - sentAt, 0), HIGHEST_LATENCY));
            messages++;
            bytes += replyBytes;
        }
    }

    /** Records that a request meant for {@code intended} is sent at {@code now}. */
    void sent(long intended, long now) {
        if (isMeasuring(now)) {
            sendLag.recordValue(Math.min(Math.max(now - intended, 0), HIGHEST_LATENCY));
        }
    }

    /** Counts a datagram declared lost at {@code now}. */
    void lost(long now) {
        if (isMeasuring(now)) {
            lost++;
        }
    }

    /** Counts a reply that arrived at {@code now} after its request was declared lost. */
    void late(long now) {
        if (isMeasuring(now)) {
            late++;
        }
    }

    private boolean isMeasuring(long now) {
        return now >= measureFrom && now < measureUntil;
    }
}
