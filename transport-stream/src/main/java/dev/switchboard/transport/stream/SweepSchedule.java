package dev.switchboard.transport.stream;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When one loop's {@link Timeouts} sweep next: often enough to notice an idle, frame or write
 * timeout within a quarter of it, and at most once a second; but within a quarter of the codec's
 * {@link dev.switchboard.api.FrameCodec#holdTimeout() hold timeout} while a connection holds the start
 * of a request that the codec answers on its own once that passes. A partial request held since the
 * last sweep brings the next one forward itself ({@link #holdBegan}), so that a loop whose
 * connections hold nothing wakes once a second rather than four times per hold timeout. Used by the
 * loop's thread only.
 */
final class SweepSchedule {

    private static final long MAX_INTERVAL = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_INTERVAL = TimeUnit.MILLISECONDS.toNanos(10);

    private final long interval;
    /** 0 if the codec holds nothing for a time. */
    private final long holdInterval;
    private long next;

    /**
     * @param holdTimeout the codec's hold timeout; {@link Duration#ZERO} = it holds nothing for a time
     * @param now in {@link System#nanoTime()} terms: the first sweep is one interval later
     * @param timeouts the endpoint's idle, frame and write timeouts; {@link Duration#ZERO} = never
     */
    SweepSchedule(Duration holdTimeout, long now, Duration... timeouts) {
        long shortest = MAX_INTERVAL;
        for (Duration timeout : timeouts) {
            if (!timeout.isZero()) {
                shortest = Math.min(shortest, quarter(timeout));
            }
        }
        this.interval = shortest;
        this.holdInterval = holdTimeout.isZero() ? 0 : quarter(holdTimeout);
        this.next = now + interval;
    }

    /** @return the schedule of an endpoint with these settings, its first sweep one interval after {@code now} */
    static SweepSchedule of(StreamSettings settings, long now) {
        return new SweepSchedule(settings.codec().holdTimeout(), now, settings.idleTimeout(), settings.frameTimeout(),
                settings.writeTimeout());
    }

    private static long quarter(Duration timeout) {
        return Math.max(timeout.toNanos() / 4, MIN_INTERVAL);
    }

    /** @return when the next sweep is due, in {@link System#nanoTime()} terms */
    long next() {
        return next;
    }

    /** @return whether the sweep is due at {@code now} */
    boolean isDue(long now) {
        return now - next >= 0;
    }

    /** A connection began to hold a partial request at {@code now}: its hold timeout is noticed in time. */
    void holdBegan(long now) {
        if (holdInterval > 0 && next - now > holdInterval) {
            next = now + holdInterval;
        }
    }

    /**
     * Schedules the sweep after the one done at {@code now}.
     *
     * @param holding whether a connection still holds input after it
     */
    void swept(long now, boolean holding) {
        next = now + (holding && holdInterval > 0 ? holdInterval : interval);
    }
}
