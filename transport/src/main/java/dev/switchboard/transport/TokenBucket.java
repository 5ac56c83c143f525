package dev.switchboard.transport;

/**
 * The rule of a token bucket: it holds at most {@code burst} tokens, earns {@code ratePerSecond} a
 * second, and an event that finds a token takes it. The state of one bucket is a single long, the
 * time at which it will be full again (in {@link System#nanoTime()} terms), so that a table of
 * buckets is an array of longs; a bucket never seen is full, and so is any whose time has passed.
 * Every method takes the time as an argument and is a pure function: immutable, safe from any thread.
 *
 * @param ratePerSecond tokens earned a second, 1 to {@value #MAX_RATE}
 * @param burst tokens held at most, 1 to {@value #MAX_BURST}
 */
public record TokenBucket(int ratePerSecond, int burst) {

    /** The highest rate: each token is then earned in a whole number of microseconds, exact to 0.1%. */
    public static final int MAX_RATE = 1_000_000;
    /** The largest burst. */
    public static final int MAX_BURST = 1 << 24;

    /** Checks the ranges. */
    public TokenBucket {
        if (ratePerSecond < 1 || ratePerSecond > MAX_RATE || burst < 1 || burst > MAX_BURST) {
            throw new IllegalArgumentException("rate " + ratePerSecond + " or burst " + burst + " out of range");
        }
    }

    /** @return the time it takes to earn one token, in nanoseconds */
    private long interval() {
        return 1_000_000_000L / ratePerSecond;
    }

    /**
     * @param fullAt the bucket's state
     * @param now the time now
     * @return whether the bucket holds a token now
     */
    public boolean hasToken(long fullAt, long now) {
        return Math.max(0, fullAt - now) + interval() <= burst * interval();
    }

    /**
     * @param fullAt the state of a bucket that {@link #hasToken holds a token}
     * @param now the time now
     * @return its state once one token is taken
     */
    public long take(long fullAt, long now) {
        return (fullAt - now > 0 ? fullAt : now) + interval();
    }

    /**
     * @param fullAt the bucket's state
     * @param now the time now
     * @return whether it is full, and so no different from a bucket never seen
     */
    public static boolean isFull(long fullAt, long now) {
        return fullAt - now <= 0;
    }
}
