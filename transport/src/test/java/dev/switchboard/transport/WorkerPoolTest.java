package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
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
        assertEquals(0, pool.stop(Duration.ofSeconds(10)));
    }

    @Test
    void stopCountsTheRunningAndQueuedTasksThatOutliveTheGrace() throws InterruptedException {
        WorkerPool pool = new WorkerPool("test-worker", 1, 1);
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        pool.trySubmit(() -> {
            started.countDown();
            awaitQuietly(never);
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        pool.trySubmit(() -> {});
        assertEquals(2, pool.stop(Duration.ofMillis(50)));
        assertFalse(pool.trySubmit(() -> {}));
    }

    @Test
    void stopEndsEveryThreadOfThePool() throws InterruptedException {
        WorkerPool pool = new WorkerPool("test-worker", 2, 2);
        Queue<Thread> threads = new ConcurrentLinkedQueue<>();
        CountDownLatch bothRunning = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            assertTrue(pool.trySubmit(() -> {
                threads.add(Thread.currentThread());
                bothRunning.countDown();
                awaitQuietly(bothRunning);
            }));
        }
        assertTrue(bothRunning.await(10, TimeUnit.SECONDS));
        assertEquals(0, pool.stop(Duration.ofSeconds(10)));
        assertEquals(2, threads.size());
        threads.forEach(thread -> assertFalse(thread.isAlive(), thread.getName() + " is alive"));
    }

    @Test
    void stopEndsTheThreadOfATaskInterruptedAfterTheGrace() {
        WorkerPool pool = new WorkerPool("test-worker", 1, 1);
        CountDownLatch never = new CountDownLatch(1);
        CompletableFuture<Thread> thread = new CompletableFuture<>();
        pool.trySubmit(() -> {
            thread.complete(Thread.currentThread());
            awaitQuietly(never);
        });
        Thread worker = started(thread);
        assertEquals(1, pool.stop(Duration.ofMillis(50)));
        assertFalse(worker.isAlive());
    }

    private static Thread started(CompletableFuture<Thread> thread) {
        try {
            return thread.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the task did not start", e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
