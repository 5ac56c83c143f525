package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void refusesTasksBeyondItsQueueInsteadOfQueueingThem() throws InterruptedException {
        WorkerPool pool = new WorkerPool("test-worker", 1, 1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        assertTrue(pool.trySubmit(() -> {
            started.countDown();
            awaitQuietly(release);
        }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(pool.trySubmit(() -> {}));
        assertFalse(pool.trySubmit(() -> {}));
        release.countDown();
        assertTrue(pool.stop(Duration.ofSeconds(10)));
    }

    @Test
    void stopReportsTasksThatOutliveTheGrace() {
        WorkerPool pool = new WorkerPool("test-worker", 1, 1);
        CountDownLatch never = new CountDownLatch(1);
        pool.trySubmit(() -> awaitQuietly(never));
        assertFalse(pool.stop(Duration.ofMillis(50)));
        assertFalse(pool.trySubmit(() -> {}));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
