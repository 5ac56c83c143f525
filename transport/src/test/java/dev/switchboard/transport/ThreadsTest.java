package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void namesDaemonThreadsAfterTheEndpointAndTheirRole() {
        Thread thread = Threads.factory(Threads.prefix("tcp", "loop")).newThread(() -> { });

        assertEquals("switchboard-tcp-loop-0", thread.getName());
        assertTrue(thread.isDaemon());
    }

    @Test
    void awaitEndGivesUpAtTheDeadlineAndKeepsAnInterrupt() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread blocked = new Thread(() -> awaitQuietly(release));
        blocked.start();
        try {
            Thread.currentThread().interrupt();

            assertFalse(Threads.awaitEnd(blocked, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50)));
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        } finally {
            release.countDown();
        }
        assertTrue(Threads.awaitEnd(blocked, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)));
    }

    @Test
    void awaitEndWithoutDeadlineReturnsOnceTheThreadEnded() {
        Thread quick = new Thread(() -> { });
        quick.start();

        Threads.awaitEnd(quick);

        assertFalse(quick.isAlive());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
