package dev.switchboard.soak;

import java.util.concurrent.TimeUnit;

/** Spaces a client's steps evenly: at most a given number a second, without catching up after a stall. */
final class Pace {

    private final long intervalNanos;
    private long next = System.nanoTime();

    /** @param perSecond steps a second, more than 0 */
    Pace(double perSecond) {
        this.intervalNanos = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
    }

    /**
     * Sleeps until the next step is due, or until {@code deadline} if that is sooner.
     *
     * @param deadline in {@link System#nanoTime} terms
     */
    void await(long deadline) throws InterruptedException {
        long now = System.nanoTime();
        next = Math.max(next + intervalNanos, now); // a late step does not earn a burst after it
        long wait = Math.min(next, deadline) - now;
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }
}
