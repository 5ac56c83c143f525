package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The bucket's state is a time; the tests drive it with times of their own, never a clock. */
class TokenBucketTest {

    private static final long T0 = 123_456_789L;
    private static final long MS = 1_000_000L;

    @Test
    void aNewBucketHoldsItsWholeBurst() {
        TokenBucket bucket = new TokenBucket(10, 3);
        long state = T0; // never seen: full
        for (int i = 0; i < 3; i++) {
            assertTrue(bucket.hasToken(state, T0), "token " + i);
            state = bucket.take(state, T0);
        }
        assertFalse(bucket.hasToken(state, T0));
    }

    @Test
    void earnsOneTokenPerIntervalAtItsRate() {
        TokenBucket bucket = new TokenBucket(10, 1); // one token per 100 ms
        long state = bucket.take(T0, T0);
        assertFalse(bucket.hasToken(state, T0 + 99 * MS));
        assertTrue(bucket.hasToken(state, T0 + 100 * MS));
    }

    @Test
    void neverHoldsMoreThanItsBurst() {
        TokenBucket bucket = new TokenBucket(1000, 2);
        long state = T0;
        long later = T0 + 60_000 * MS; // a minute idle earns no more than the burst
        state = bucket.take(state, later);
        state = bucket.take(state, later);
        assertFalse(bucket.hasToken(state, later));
    }

    @Test
    void isFullAgainOnceItHasEarnedBackWhatWasTaken() {
        TokenBucket bucket = new TokenBucket(10, 5);
        long state = bucket.take(bucket.take(T0, T0), T0);
        assertFalse(TokenBucket.isFull(state, T0 + 199 * MS));
        assertTrue(TokenBucket.isFull(state, T0 + 200 * MS));
    }

    @Test
    void worksAcrossTheWrapOfTheNanosecondClock() {
        TokenBucket bucket = new TokenBucket(10, 1);
        long beforeWrap = Long.MAX_VALUE - 50 * MS;
        long state = bucket.take(beforeWrap, beforeWrap);
        assertFalse(bucket.hasToken(state, beforeWrap + 99 * MS));
        assertTrue(bucket.hasToken(state, beforeWrap + 100 * MS));
    }

    @Test
    void refusesARateOrBurstOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(TokenBucket.MAX_RATE + 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0));
    }
}
