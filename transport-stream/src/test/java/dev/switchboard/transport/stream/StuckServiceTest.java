package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service that blocks on a loop's thread without declaring {@code isBlocking()}: it is reported,
 * and it cannot make a stop outlast its grace period.
 */
@Timeout(60)
class StuckServiceTest {

    /** The most a stop may take past its grace, for a loop given up on (a second) and interrupted (half one). */
    private static final Duration STOP_BOUND = Duration.ofSeconds(3);

    private final RecordingLogger logger = new RecordingLogger();
    private final CountDownLatch entered = new CountDownLatch(1);

    /** Answers once released, sleeping on the loop's thread until then; an interrupt ends the wait. */
    private MessageService sleepsUntil(CountDownLatch release) {
        return (request, context, reply) -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            Services.ASCII_UPPER_CASE.handle(request, context, reply);
        };
    }

    private StreamTransport started(String endpoint, String hocon, MessageService service) throws IOException {
        TransportContext test = TestServer.context(hocon, logger);
        StreamTransport transport = TestServer.create(
                new TransportContext(endpoint, test.transport(), test.settings(), test.logger()));
        transport.start(service);
        return transport;
    }

    @Test
    void reportsALoopHeldByAServiceWithTheServiceAndTheLoopsStack() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MessageService service = sleepsUntil(release);
        StreamTransport transport = started("held", "framing = line, blocked-thread-warning = 100ms", service);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            client.send("hello\n");
            Await.until(() -> transport.stats().failed("blocked-thread") == 1, "the stall counted");
            release.countDown();
            assertEquals("HELLO\n", client.readLine());
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
        RecordingLogger.Line line = logger.lines().stream()
                .filter(l -> l.message().contains("has been in the service")).findFirst().orElseThrow();
        assertTrue(line.message().startsWith("endpoint held: switchboard-held-loop-"), line.message());
        assertTrue(line.message().contains(" the service " + service + " for "), line.message());
        assertTrue(Arrays.stream(line.thrown().getStackTrace())
                .anyMatch(frame -> frame.getClassName().startsWith(StuckServiceTest.class.getName())),
                "the stack shows the service: " + Arrays.toString(line.thrown().getStackTrace()));
    }

    @Test
    void stopsWithinItsGraceByInterruptingALoopHeldByAService() throws Exception {
        StreamTransport transport = started("interrupted", "framing = line", sleepsUntil(new CountDownLatch(1)));
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            client.send("never answered\n");
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            assertStopsWithin(transport, Duration.ofMillis(200));
            client.assertClosedByServer();
            TransportStats stats = transport.stats();
            assertEquals(1, stats.refused("shutdown-timeout"));
            assertEquals(0, stats.connectionsOpen());
            assertEquals(List.of(), liveThreads("switchboard-interrupted-"), "the interrupted loop ended");
        }
    }

    @Test
    void leavesBehindALoopThatIgnoresItsInterrupt() throws Exception {
        AtomicBoolean released = new AtomicBoolean();
        MessageService stubborn = (request, context, reply) -> {
            entered.countDown();
            while (!released.get()) {
                Thread.interrupted(); // ignores interrupts, as a badly written service may
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
        };
        StreamTransport transport = started("stubborn", "", stubborn);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            client.send("x");
            assertTrue(entered.await(10, TimeUnit.SECONDS));

            assertStopsWithin(transport, Duration.ofMillis(100));
            client.assertClosedByServer();
            assertEquals(List.of("switchboard-stubborn-loop-0"), liveThreads("switchboard-stubborn-"));
            assertTrue(logger.lines().stream().anyMatch(line -> line.message().startsWith(
                    "switchboard-stubborn-loop-0 was still in the service when the shutdown grace of 100 ms ran out;"
                            + " closed its 1 connection and interrupted it, but it goes on: left behind")),
                    logger.lines().toString());
        } finally {
            released.set(true);
        }
        Await.until(() -> liveThreads("switchboard-stubborn-").isEmpty(), "the loop ended once its service returned");
        assertEquals(0, transport.stats().connectionsOpen(), "the connection is counted closed once only");
        assertEquals(1, transport.stats().connectionsAccepted());
    }

    /** Stops {@code transport} with {@code grace}, failing if that takes longer than the grace and {@link #STOP_BOUND}. */
    private static void assertStopsWithin(StreamTransport transport, Duration grace) {
        long start = System.nanoTime();
        transport.stop(grace);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(grace.plus(STOP_BOUND)) < 0, "the stop took " + took);
    }

    private static List<String> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(name -> name.startsWith(prefix)).sorted().toList();
    }
}
