package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.net.StandardSocketOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What clients that never read their replies can make a stream transport hold: per connection, the
 * high watermark crossed by one reply; across the process, the memory budget, never passed: near it,
 * the largest holders are paused (counted in the budget), and a buffer that would pass it closes the
 * connection asking (counted {@code memory-budget}).
 */
@Timeout(60)
class MemoryBudgetTest {

    /** Two bytes of UTF-8 whose upper case takes six: lines of them get replies three times their size. */
    private static final String TRIPLES = "\u0390";
    private static final int KIB = 1024;
    /** Per loop of the line framing: its read buffer, its batch buffer (64 KiB each) and its reply (192 KiB). */
    private static final long LOOP_BYTES = 64 * KIB + 64 * KIB + 192 * KIB;

    @Test
    void aClientThatNeverReadsHoldsAtMostTheHighWatermarkAndOneReply() throws IOException {
        try (TestServer server = TestServer.start("framing = line", Services.UPPER_CASE);
                SocketChannel hog = SocketChannel.open(server.address())) {
            flood(hog, 64 * 1024 * KIB, Duration.ofSeconds(1));
            Await.until(() -> server.transport.bufferedBytes() >= 64 * KIB, "the server to hold the watermark");
            long buffered = server.transport.bufferedBytes();
            assertTrue(buffered >= 64 * KIB, "reading never paused: the server holds only " + buffered + " bytes");
            assertTrue(buffered <= 64 * KIB + 192 * KIB, "the server holds " + buffered + " bytes for one client");
        }
    }

    @Test
    void neverReadingClientsArePausedOrRefusedWithinTheBudgetWhileAnotherClientIsAnswered() throws Exception {
        MemoryBudget budget = MemoryBudget.of(2 * LOOP_BYTES + 512 * KIB);
        StreamTransport transport = startWith(budget);
        int hogs = 6; // unchecked, each would hold a high watermark and a reply: 1.5 MiB, three times the room
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService flooding = Executors.newFixedThreadPool(hogs);
        List<Future<?>> floods = new ArrayList<>();
        AtomicLong peak = new AtomicLong();
        try {
            for (int i = 0; i < hogs; i++) {
                SocketChannel hog = SocketChannel.open();
                hog.setOption(StandardSocketOptions.SO_RCVBUF, 4 * KIB); // replies back up in the server at once
                hog.connect(transport.localAddress());
                floods.add(flooding.submit(() -> floodUntil(hog, stop)));
            }
            Await.until(() -> {
                peak.accumulateAndGet(budget.used(), Math::max);
                return budget.pauses() + transport.stats().refused("memory-budget") > 0;
            }, "the budget to pause or refuse a hog; " + budget);
            try (StreamClient client = StreamClient.connect(transport.localAddress())) {
                assertEquals("STILL SERVED\n", client.send("still served\n").readLine());
            }
            peak.accumulateAndGet(budget.used(), Math::max);
            assertTrue(peak.get() <= budget.limit(), "the budget was passed: " + peak + " bytes; " + budget);
        } finally {
            stop.set(true);
            for (Future<?> flood : floods) {
                flood.get(10, TimeUnit.SECONDS);
            }
            flooding.shutdown();
        }
        Await.until(() -> budget.used() == 2 * LOOP_BYTES, "every connection's buffers back in the budget; " + budget);
        transport.stop(Duration.ofSeconds(1));
        assertEquals(0, budget.used(), "the loops' own buffers back in the budget");
    }

    @Test
    void closesTheConnectionWhoseBufferWouldPassTheBudgetAndStillAnswersTheOthers() throws IOException {
        // room for less than the smallest buffer a connection may hold (4 KiB): the hog's first buffer
        // fails before it can hold enough to be paused
        MemoryBudget budget = MemoryBudget.of(2 * LOOP_BYTES + 2 * KIB);
        StreamTransport transport = startWith(budget);
        try (SocketChannel hog = SocketChannel.open(transport.localAddress())) {
            flood(hog, 64 * 1024 * KIB, Duration.ofSeconds(1));
            Await.until(() -> transport.stats().refused("memory-budget") == 1, "a memory-budget refusal");
            try (StreamClient client = StreamClient.connect(transport.localAddress())) {
                assertEquals("STILL SERVED\n", client.send("still served\n").readLine());
            }
        }
        Await.until(() -> budget.used() == 2 * LOOP_BYTES, "every connection's buffers back in the budget; " + budget);
        transport.stop(Duration.ofSeconds(1));
        assertEquals(0, budget.used(), "the loops' own buffers back in the budget");
    }

    @Test
    void stillRefusesAnOversizeRequestWhileTheBudgetIsNear() throws IOException {
        // the loops' own buffers alone are over three quarters of it: near from the start
        MemoryBudget budget = MemoryBudget.of(2 * LOOP_BYTES + 192 * KIB);
        StreamTransport transport = startWith(budget);
        try (SocketChannel client = SocketChannel.open(transport.localAddress())) {
            client.write(ByteBuffer.wrap("a".repeat(64 * KIB + 1).getBytes(StandardCharsets.US_ASCII)));
            // a partial line of 64 KiB held, then the byte that makes it too large: read, not paused for
            Await.stats(transport, stats -> stats.refused("message-too-large") == 1, "a message-too-large refusal");
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void refusesToStartLoopsWhoseOwnBuffersDoNotFitInTheBudget() {
        MemoryBudget budget = MemoryBudget.of(LOOP_BYTES);
        TransportContext defaults = TestServer.context("framing = line", null);
        StreamTransport transport = TestServer.create(new TransportContext(defaults.endpoint(), defaults.transport(),
                defaults.settings(), defaults.logger(), defaults.framings(), budget));
        IOException refused = assertThrows(IOException.class, () -> transport.start(Services.UPPER_CASE));
        assertTrue(refused.getMessage().contains("memory budget"), refused.getMessage());
        assertEquals(0, budget.used(), "the loop that fitted gave its reservation back");
    }

    /**
     * Sends {@code TRIPLES} requests without reading until {@code stop} is set or the server closed
     * the connection, then closes it.
     */
    private static Void floodUntil(SocketChannel hog, AtomicBoolean stop) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap((TRIPLES.repeat(63) + "\n").repeat(512).getBytes(StandardCharsets.UTF_8));
        try (hog; Selector writable = Selector.open()) {
            hog.configureBlocking(false);
            hog.register(writable, SelectionKey.OP_WRITE);
            while (!stop.get()) {
                if (hog.write(chunk.clear()) == 0) {
                    writable.select(100);
                    writable.selectedKeys().clear();
                }
            }
        } catch (IOException e) { // closed by the server: what the budget may do
        }
        return null;
    }

    /** A line-framed transport, started, whose loops reserve from {@code budget}. */
    private static StreamTransport startWith(MemoryBudget budget) throws IOException {
        TransportContext defaults = TestServer.context("framing = line", null);
        TransportContext context = new TransportContext(defaults.endpoint(), defaults.transport(),
                defaults.settings(), defaults.logger(), defaults.framings(), budget);
        StreamTransport transport = TestServer.create(context);
        transport.start(Services.UPPER_CASE);
        return transport;
    }

    /**
     * Sends {@code TRIPLES} requests without reading, until {@code bytes} are sent, the connection
     * took nothing for {@code stall}, or the server closed it.
     */
    private static void flood(SocketChannel hog, long bytes, Duration stall) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap((TRIPLES.repeat(63) + "\n").repeat(512).getBytes(StandardCharsets.UTF_8));
        try (Selector writable = Selector.open()) {
            hog.configureBlocking(false);
            hog.register(writable, SelectionKey.OP_WRITE);
            long sent = 0;
            while (sent < bytes) {
                int written = hog.write(chunk.clear());
                sent += written;
                if (written == 0 && writable.select(stall.toMillis()) == 0) {
                    return;
                }
                writable.selectedKeys().clear();
            }
        } catch (IOException e) { // closed by the server: what the budget may do
            hog.close();
        }
    }
}
