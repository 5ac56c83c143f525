package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, and stopping gracefully: every request received is answered before the connections close. */
@Timeout(30)
class StopTest {

    @Test
    void answersEveryRequestReceivedBeforeStoppingInOrder() throws Exception {
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE)) {
            List<Future<Integer>> received = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                StreamClient client = server.connect();
                String name = "client-" + c;
                AtomicBoolean ended = new AtomicBoolean();
                LineWriter.start(client, 50, i -> name + "-" + i + "\n", ended, null);
                received.add(pool.submit(() -> readRepliesUntilEnd(client, name, ended)));
            }
            // Stop once all are accepted and the load is under way (ListenerDrainTest stops with connections queued).
            server.awaitStats(stats -> stats.connectionsAccepted() == clients && stats.requests() >= 5_000,
                    "every client accepted and the load under way");

            server.transport.stop(Duration.ofSeconds(10));

            TransportStats stats = server.stats();
            assertEquals(stats.requests(), stats.replies(), "every request received was answered");
            long receivedByClients = 0;
            for (Future<Integer> replies : received) {
                receivedByClients += replies.get(10, TimeUnit.SECONDS);
            }
            assertEquals(stats.replies(), receivedByClients, "every reply reached its client");
            assertEquals(Map.of(), stats.refusals());
            assertEquals(0, stats.connectionsOpen());
        } finally {
            pool.shutdownNow();
        }
    }

    /** @return how many replies arrived, each checked to answer the next request in order */
    private static Integer readRepliesUntilEnd(StreamClient client, String name, AtomicBoolean ended) {
        try (client) {
            List<String> replies = client.readToEnd().lines().toList();
            for (int i = 0; i < replies.size(); i++) {
                assertEquals((name + "-" + i).toUpperCase(), replies.get(i));
            }
            return replies.size();
        } finally {
            ended.set(true);
        }
    }

    @Test
    void answersARequestInFlightAtAWorker() throws Exception {
        Services.Gate gate = new Services.Gate();
        try (TestServer server = TestServer.start("framing = line", gate);
                StreamClient client = server.connect()) {
            client.send("in flight\n");
            assertTrue(gate.entered.await(10, TimeUnit.SECONDS));
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> server.transport.stop(Duration.ofSeconds(10)));
            Await.until(() -> !accepts(server), "the listening socket is closed");

            gate.released.countDown();
            assertEquals("IN FLIGHT\n", client.readLine());
            client.assertClosedByServer();
            client.close(); // as a client does on end of stream: the server waits for it until the grace runs out
            stopped.get(10, TimeUnit.SECONDS);
            assertEquals(1, server.stats().replies());
        }
    }

    private static boolean accepts(TestServer server) {
        try (SocketChannel probe = SocketChannel.open(server.address())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void cutsWhatIsNotDoneWhenTheGraceRunsOut() throws IOException {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE);
                SocketChannel hog = SocketChannel.open(server.address())) {
            Hog.sendUntilStalled(hog, server, 64 * 1024);

            server.transport.stop(Duration.ofMillis(100));

            assertEquals(1, server.stats().refused("shutdown-timeout"));
            assertEquals(0, server.stats().connectionsOpen());
        }
    }

    @Test
    void stoppingBeforeStartingLeavesItReadyToStart() throws IOException {
        CountingBinding binding = new CountingBinding();
        StreamTransport transport = new StreamTransport(TestServer.context("", null),
                StreamSettings.from(TestServer.context("", null)), binding);

        transport.stop(Duration.ofSeconds(1));

        assertEquals(0, binding.unbound.get(), "nothing was unbound");
        transport.start(Services.ASCII_UPPER_CASE);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            assertEquals("STARTED", client.send("started").readString(7));
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void stoppingTwiceUnbindsOnce() throws IOException {
        CountingBinding binding = new CountingBinding();
        StreamTransport transport = new StreamTransport(TestServer.context("", null),
                StreamSettings.from(TestServer.context("", null)), binding);
        transport.start(Services.ASCII_UPPER_CASE);

        transport.stop(Duration.ofSeconds(1));
        transport.stop(Duration.ofSeconds(1));

        assertEquals(1, binding.unbound.get());
    }

    @Test
    void endsItsLoopsAcceptorAndWorkersBeforeReturning() throws IOException {
        TransportContext test = TestServer.context("threads = 2, framing = line", null);
        TransportContext context = new TransportContext("threads", test.transport(), test.settings(), test.logger());
        StreamTransport transport = TestServer.create(context);
        transport.start(Services.SLOW_UPPER_CASE);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            assertEquals("BLOCKING\n", client.send("blocking\n").readLine());
        }
        assertEquals(4, threadsNamed("switchboard-threads-").size(), "two loops, the acceptor and a worker");

        transport.stop(Duration.ofSeconds(5));

        assertEquals(List.of(), threadsNamed("switchboard-threads-"));
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive).map(Thread::getName).filter(name -> name.startsWith(prefix)).toList();
    }

    @Test
    void failsToStartWhenTheBindingFailsLeavingNothingRunning() {
        TransportContext test = TestServer.context("", null);
        TransportContext context = new TransportContext("unbindable", test.transport(), test.settings(), test.logger());
        BindException taken = new BindException("somewhere: Address already in use");
        StreamTransport transport = new StreamTransport(context, StreamSettings.from(context), new CountingBinding() {
            @Override
            public ServerSocketChannel bind(int backlog) throws IOException {
                throw taken;
            }

            @Override
            public TcpListening tcp() {
                return null; // only the java.nio path calls bind
            }
        });

        assertSame(taken, assertThrows(BindException.class, () -> transport.start(Services.ASCII_UPPER_CASE)));

        assertNull(transport.localAddress());
        assertEquals(List.of(), threadsNamed("switchboard-unbindable-"));
    }

    /** Binds a free loopback port and counts how often it is asked to clean up. */
    private static class CountingBinding extends TestServer.Loopback {
        final AtomicInteger unbound = new AtomicInteger();

        @Override
        public void unbind(SocketAddress bound) {
            unbound.incrementAndGet();
        }
    }
}
