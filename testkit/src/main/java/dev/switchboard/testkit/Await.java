package dev.switchboard.testkit;

import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportStats;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

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

    /**
     * Polls a transport's counters until they satisfy {@code condition}: they may reach it a moment
     * after a client sees its effect, since a transport counts a reply once it is written.
     *
     * @param transport the transport under test
     * @param condition what the counters must come to
     * @param what the condition in words, for the failure message, which also shows the counters
     * @return the counters that satisfied it
     * @throws AssertionError if they do not within {@link #TIMEOUT}
     */
    public static TransportStats stats(Transport transport, Predicate<TransportStats> condition, String what) {
        until(() -> condition.test(transport.stats()), what + "; stats: " + transport.stats());
        return transport.stats();
    }
}
