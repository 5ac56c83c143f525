package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.Await;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.ServedEndpoint;
import dev.switchboard.transport.SourceKey;
import dev.switchboard.transport.stream.io.Listener;
import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamIoProvider;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop wakes when something is due, not on a clock of its own: without connections its poll waits
 * until it is woken; with some, until the next sweep of their timeouts, once a second; while one
 * holds the start of a character that the {@code raw} framing answers after its hold timeout, within
 * a quarter of that.
 */
@Timeout(30)
class LoopWakeUpsTest {

    private static final SourceKey SOURCE = new SourceKey(0, 1);
    private static final long SECOND_MILLIS = 1_000;

    @Test
    void waitsUntilWokenWithoutConnectionsAndUntilTheNextSweepWithThem() throws Exception {
        TransportContext context = TestServer.context("framing = raw", null);
        StreamSettings settings = StreamSettings.from(context);
        long holdQuarterMillis = settings.codec().holdTimeout().toMillis() / 4 + 1;
        ServedEndpoint served = new ServedEndpoint("test", "stream", Services.ASCII_UPPER_CASE, context.logger(),
                new RateLimitedLog(context.logger(), Duration.ofSeconds(1)), context);
        OpenConnections open = new OpenConnections();
        Endpoint endpoint = new Endpoint(served, settings, NotBound.INSTANCE, null, open, context.memoryBudget());
        RecordingPoller poller = new RecordingPoller(NioPoller.open());
        SelectorLoop loop = new SelectorLoop(endpoint, new IoPath(new OnePoller(poller), "a test"),
                new Counters().newShard(), BlockedThreads.Watch.unwatched());
        Thread thread = new Thread(loop);
        thread.setDaemon(true); // should the test fail before stopping it
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            thread.start();
            Await.until(() -> !poller.timeouts.isEmpty(), "the loop's first poll");
            assertEquals(List.of(0L), poller.timeouts, "without connections, a poll waits until it is woken");

            try (SocketChannel client = SocketChannel.open(listener.getLocalAddress())) {
                SocketChannel accepted = listener.accept();
                accepted.configureBlocking(false);
                open.opened(SOURCE);
                loop.adopt(new NioSocket(accepted, NotBound.INSTANCE), SOURCE);
                assertArrayEquals(bytes("HI"), exchange(client, bytes("hi"), 2));
                Await.until(() -> poller.last() > holdQuarterMillis, "a poll that waits for the next sweep");
                assertTrue(poller.last() <= SECOND_MILLIS, "waits " + poller.last() + " ms, past the next sweep");

                int before = poller.timeouts.size();
                byte[] leadByte = {'a', (byte) 0xF0}; // the start of a four-byte character, held back
                assertArrayEquals(bytes("A"), exchange(client, leadByte, 1));
                assertArrayEquals(new byte[] {(byte) 0xF0}, receive(client, 1), "the held byte, answered after the hold");
                List<Long> recorded = List.copyOf(poller.timeouts);
                List<Long> whileHolding = recorded.subList(before, recorded.size());
                assertTrue(whileHolding.stream().anyMatch(t -> t > 0 && t <= holdQuarterMillis),
                        "no poll within a quarter of the hold timeout while a byte was held: " + whileHolding);
            }
            Await.until(() -> poller.last() == 0, "a poll that waits until woken once the connection is gone");
            loop.stop(System.nanoTime());
            thread.join(10_000);
            assertFalse(thread.isAlive());
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] exchange(SocketChannel client, byte[] request, int replyBytes) throws IOException {
        client.write(ByteBuffer.wrap(request));
        return receive(client, replyBytes);
    }

    /** Reads exactly {@code length} bytes; the test's timeout bounds the wait. */
    private static byte[] receive(SocketChannel client, int length) throws IOException {
        ByteBuffer reply = ByteBuffer.allocate(length);
        while (reply.hasRemaining()) {
            if (client.read(reply) < 0) {
                throw new IOException("the connection ended after " + reply.position() + " bytes");
            }
        }
        return reply.array();
    }

    /** A {@code java.nio} poller that records the timeout of every poll. */
    private static final class RecordingPoller implements Poller {

        final List<Long> timeouts = new CopyOnWriteArrayList<>();
        private final Poller delegate;

        RecordingPoller(Poller delegate) {
            this.delegate = delegate;
        }

        long last() {
            return timeouts.isEmpty() ? -1 : timeouts.get(timeouts.size() - 1);
        }

        @Override
        public void register(StreamSocket socket, int interest, Object attachment) throws IOException {
            delegate.register(socket, interest, attachment);
        }

        @Override
        public void poll(long timeoutMillis, ReadyHandler handler) throws IOException {
            timeouts.add(timeoutMillis);
            delegate.poll(timeoutMillis, handler);
        }

        @Override
        public void wakeUp() {
            delegate.wakeUp();
        }

        @Override
        public void forEach(Consumer<StreamSocket> action) {
            delegate.forEach(action);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /** The path of a loop that only polls, with the one poller given. */
    private record OnePoller(Poller poller) implements StreamIoProvider {

        @Override
        public String unavailableReason() {
            return null;
        }

        @Override
        public String description() {
            return "a recording poller";
        }

        @Override
        public Poller openPoller() {
            return poller;
        }

        @Override
        public Listener listen(InetSocketAddress address, int backlog, boolean reusePort) {
            throw new UnsupportedOperationException("the loop never listens");
        }
    }
}
