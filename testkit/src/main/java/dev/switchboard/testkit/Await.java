package dev.switchboard.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Bounded polling for conditions another thread brings about. */
public final class Await {

    /** How long {@link #until} waits before failing. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {}

    /**
     * Polls {@code condition} until it holds.
     *
     * @param condition what must come true
     * @param what the condition in words, for the failure message
     * @throws AssertionError if it does not hold within {@link #TIMEOUT}
     */
    public static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + TIMEOUT.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
