package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Times are the tests' own, never a clock's. */
class SourceRatesTest {

    private static final long T0 = -5_000_000_000L;
    private static final long MS = 1_000_000L;
    private static final SourceKey A = new SourceKey(0, 1);
    private static final SourceKey B = new SourceKey(0, 2);

    @Test
    void admitsASourceUpToItsBurstThenAtItsRate() {
        SourceRates rates = new SourceRates(new TokenBucket(10, 2), Duration.ZERO, 64);
        assertTrue(rates.tryAcquire(A, T0));
        assertTrue(rates.tryAcquire(A, T0));
        assertFalse(rates.tryAcquire(A, T0));
        assertFalse(rates.tryAcquire(A, T0 + 99 * MS));
        assertTrue(rates.tryAcquire(A, T0 + 100 * MS));
    }

    @Test
    void countsEachSourceApart() {
        SourceRates rates = new SourceRates(new TokenBucket(1, 1), Duration.ZERO, 64);
        assertTrue(rates.tryAcquire(A, T0));
        assertFalse(rates.tryAcquire(A, T0));
        assertTrue(rates.tryAcquire(B, T0));
    }

    @Test
    void refusesASourceOverItsRateForTheCoolDownThoughItsBucketRefills() {
        SourceRates rates = new SourceRates(new TokenBucket(10, 1), Duration.ofSeconds(1), 64);
        assertTrue(rates.tryAcquire(A, T0));
        assertFalse(rates.tryAcquire(A, T0), "over its rate");
        assertFalse(rates.tryAcquire(A, T0 + 200 * MS), "cooling down, though its bucket holds a token again");
        assertFalse(rates.tryAcquire(A, T0 + 999 * MS));
        assertTrue(rates.tryAcquire(A, T0 + 1000 * MS), "the cool-down is over");
    }

    @Test
    void refusalsDuringTheCoolDownDoNotExtendIt() {
        SourceRates rates = new SourceRates(new TokenBucket(1000, 1), Duration.ofSeconds(1), 64);
        rates.tryAcquire(A, T0);
        rates.tryAcquire(A, T0);
        for (long t = T0; t < T0 + 1000 * MS; t += 10 * MS) {
            assertFalse(rates.tryAcquire(A, t));
        }
        assertTrue(rates.tryAcquire(A, T0 + 1000 * MS));
    }

    @Test
    void holdsAtMostItsCapacityRoundedUpToAWholeSet() {
        assertEquals(8, new SourceRates(new TokenBucket(1, 1), Duration.ZERO, 1).capacity());
        assertEquals(16_384, new SourceRates(new TokenBucket(1, 1), Duration.ZERO, 16_384).capacity());
    }

    @Test
    void whenFullForgetsTheSourceNearestToAFullBucketWhichThenStartsAfresh() {
        SourceRates rates = new SourceRates(new TokenBucket(1, 1), Duration.ZERO, 8); // one set of eight
        assertTrue(rates.tryAcquire(A, T0));
        assertFalse(rates.tryAcquire(A, T0));
        for (int i = 1; i <= 8; i++) { // each later, so each is further from full than A
            assertTrue(rates.tryAcquire(new SourceKey(1, i), T0 + i * MS));
        }
        assertTrue(rates.tryAcquire(A, T0 + 10 * MS), "A was forgotten to make room, so its bucket is full");
    }

    @Test
    void aFloodOfNewSourcesDoesNotMakeItForgetASourceCoolingDown() {
        SourceRates rates = new SourceRates(new TokenBucket(10, 1), Duration.ofSeconds(10), 64);
        rates.tryAcquire(A, T0);
        assertFalse(rates.tryAcquire(A, T0));
        for (int i = 0; i < 100_000; i++) {
            rates.tryAcquire(new SourceKey(2, i), T0 + i * 10_000L);
        }
        assertFalse(rates.tryAcquire(A, T0 + 1001 * MS), "still cooling down");
    }

    @Test
    @Timeout(30)
    void threadsSharingASourceAreAdmittedExactlyItsBurstBetweenThem() throws InterruptedException {
        SourceRates rates = new SourceRates(new TokenBucket(1, 1000), Duration.ZERO, 64);
        AtomicInteger admitted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (rates.tryAcquire(A, T0)) {
                        admitted.incrementAndGet();
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(1000, admitted.get());
    }
}
