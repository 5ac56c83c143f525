package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Await;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ThreadsTest {

    @Test
    void namesDaemonThreadsAfterTheEndpointAndTheirRole() {
        Thread thread = Threads.factory(Threads.prefix("tcp", "loop")).newThread(() -> { });

        assertEquals("switchboard-tcp-loop-0", thread.getName());
        assertTrue(thread.isDaemon());
    }

    @Test
    void startsAThreadPerTaskNamedInOrder() throws InterruptedException {
        CountDownLatch ran = new CountDownLatch(2);
        List<Thread> threads = Threads.start("switchboard-test-role", List.of(ran::countDown, ran::countDown));

        assertTrue(ran.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("switchboard-test-role-0", "switchboard-test-role-1"),
                threads.stream().map(Thread::getName).toList());
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
    void awaitEndWithoutDeadlineWaitsUntilTheThreadEnded() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean finished = new AtomicBoolean();
        Thread slow = new Thread(() -> {
            awaitQuietly(release);
            finished.set(true);
        });
        slow.start();
        Thread waiting = Thread.currentThread();
        Thread releaser = new Thread(() -> {
            // releases the slow thread only once the test's thread waits for it
            Await.until(() -> waiting.getState() == Thread.State.WAITING, "awaitEnd waits");
            release.countDown();
        });
        releaser.start();

        Threads.awaitEnd(slow);

        assertTrue(finished.get(), "awaitEnd returned before the thread's work was done");
        assertFalse(slow.isAlive());
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
