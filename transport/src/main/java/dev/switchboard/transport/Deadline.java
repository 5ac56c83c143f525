package dev.switchboard.transport;

import java.time.Duration;

/**
 * The end of a shutdown's grace period, fixed when the shutdown begins so that each step of it
 * gets what the previous ones left.
 */
public final class Deadline {

    /** Long enough for any shutdown, short enough that adding it to {@link System#nanoTime} cannot overflow. */
    private static final Duration MAX_GRACE = Duration.ofDays(1);

    private final Duration grace;
    private final long nanos;

    private Deadline(Duration grace, long nanos) {
        this.grace = grace;
        this.nanos = nanos;
    }

    /**
     * @param grace how long from now; a negative one counts as zero, one over a day as a day
     * @return the deadline {@code grace} from now
     */
    public static Deadline after(Duration grace) {
        Duration bounded = grace.isNegative() ? Duration.ZERO : grace.compareTo(MAX_GRACE) > 0 ? MAX_GRACE : grace;
        return new Deadline(bounded, System.nanoTime() + bounded.toNanos());
    }

    /** @return the grace period this deadline ends, as bounded */
    public Duration grace() {
        return grace;
    }

    /** @return the deadline on the {@link System#nanoTime} clock */
    public long nanos() {
        return nanos;
    }

    /** @return the time left until the deadline; zero once it has passed */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }
}
