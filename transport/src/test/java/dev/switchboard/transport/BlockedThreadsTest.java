package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingLogger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BlockedThreadsTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final Counters counters = new Counters();

    private BlockedThreads checker(Duration warnAfter) {
        return new BlockedThreads("test", "the-service", warnAfter, logger, counters.newShard());
    }

    /** A thread that enters a service call, stays in it until released, and exits. */
    private static Thread stall(BlockedThreads.Watch watch, CountDownLatch entered, CountDownLatch release) {
        Thread thread = new Thread(() -> {
            watch.bind();
            watch.enter();
            entered.countDown();
            awaitQuietly(release);
            watch.exit();
        }, "stuck-in-service");
        thread.start();
        return thread;
    }

    @Test
    void reportsAThreadStuckInOneCallOnceWithItsStack() throws InterruptedException {
        try (BlockedThreads checker = checker(Duration.ofMillis(50))) {
            BlockedThreads.Watch watch = checker.watch();
            checker.start();
            Thread stuck = new Thread(() -> {
                watch.bind();
                watch.enter();
                sleepInService(Duration.ofMillis(600)); // a dozen checks past the warning
                watch.exit();
            }, "stuck-in-service");
            stuck.start();
            stuck.join(10_000);

            List<RecordingLogger.Line> lines = logger.lines();
            assertEquals(1, lines.size(), lines.toString());
            assertEquals(Level.WARNING, lines.get(0).level());
            assertTrue(lines.get(0).message().startsWith("endpoint test: stuck-in-service has been in the service"
                    + " the-service for "), lines.get(0).message());
            assertTrue(Arrays.stream(lines.get(0).thrown().getStackTrace())
                    .anyMatch(frame -> frame.getMethodName().equals("sleepInService")), "the stuck thread's stack");
            assertEquals(1, counters.snapshot().failed("blocked-thread"));
        }
    }

    /** What a service that blocks does. */
    private static void sleepInService(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void reportsEachStallOfTheSameThread() throws InterruptedException {
        try (BlockedThreads checker = checker(Duration.ofMillis(50))) {
            BlockedThreads.Watch watch = checker.watch();
            checker.start();
            for (int stall = 1; stall <= 2; stall++) {
                CountDownLatch entered = new CountDownLatch(1);
                CountDownLatch release = new CountDownLatch(1);
                Thread stuck = stall(watch, entered, release);
                assertTrue(entered.await(10, TimeUnit.SECONDS));
                int expected = stall;
                Await.until(() -> counters.snapshot().failed("blocked-thread") == expected, "stall " + stall + " reported");
                release.countDown();
                stuck.join(10_000);
            }
        }
    }

    @Test
    void saysNothingAboutCallsThatReturnInTime() throws InterruptedException {
        try (BlockedThreads checker = checker(Duration.ofSeconds(5))) {
            BlockedThreads.Watch watch = checker.watch();
            checker.start();
            Thread quick = new Thread(() -> {
                watch.bind();
                for (int i = 0; i < 100_000; i++) {
                    watch.enter();
                    watch.exit();
                }
            });
            quick.start();
            quick.join(10_000);
        }
        assertEquals(List.of(), logger.lines());
        assertEquals(TransportStats.EMPTY, counters.snapshot());
    }

    @Test
    void checksNothingWhenTheWarningIsOffOrOnceClosed() throws InterruptedException {
        RecordingLogger quiet = new RecordingLogger();
        Counters quietCounters = new Counters();
        BlockedThreads off = new BlockedThreads("off", "the-service", Duration.ZERO, quiet, quietCounters.newShard());
        BlockedThreads closed = new BlockedThreads("closed", "the-service", Duration.ofMillis(50), quiet,
                quietCounters.newShard());
        CountDownLatch entered = new CountDownLatch(3);
        CountDownLatch release = new CountDownLatch(1);
        try (off; closed; BlockedThreads on = checker(Duration.ofMillis(50))) {
            List<Thread> stuck = List.of(stall(off.watch(), entered, release), stall(closed.watch(), entered, release),
                    stall(on.watch(), entered, release));
            off.start();
            closed.start();
            closed.close();
            on.start();
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            Await.until(() -> counters.snapshot().failed("blocked-thread") == 1, "the watched stall reported");
            release.countDown();
            for (Thread thread : stuck) {
                thread.join(10_000);
            }
        }
        assertEquals(List.of(), quiet.lines());
        assertEquals(TransportStats.EMPTY, quietCounters.snapshot());
    }

    @Test
    void oneThreadChecksForEveryEndpoint() {
        try (BlockedThreads first = checker(Duration.ofSeconds(1)); BlockedThreads second = checker(Duration.ofSeconds(2));
                BlockedThreads third = checker(Duration.ofMillis(100))) {
            first.start();
            second.start();
            third.start();
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals(Watchdog.THREAD_NAME)).count());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
