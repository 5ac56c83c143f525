package dev.switchboard.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.TestSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.Socket;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Starting, and stopping gracefully: every request received is answered before the connections close. */
@Timeout(30)
class StopTest {

    @Test
    void answersEveryRequestReceivedBeforeStoppingInOrder() throws Exception {
        int clients = 6;
        ExecutorService pool = Executors.newFixedThreadPool(2 * clients);
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE)) {
            List<Future<Integer>> received = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                TestClient client = server.connect();
                String name = "client-" + c;
                AtomicBoolean ended = new AtomicBoolean();
                pool.submit(() -> sendUntilEnded(client, name, ended));
                received.add(pool.submit(() -> readRepliesUntilEnd(client, name, ended)));
            }
            // A connection the kernel completed but the acceptor has not taken yet is reset when the
            // listening socket closes: it was never the server's. Stop only once all are accepted.
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

    /** Sends numbered lines in batches until the reader saw the server end the stream. */
    private static Void sendUntilEnded(TestClient client, String name, AtomicBoolean ended) {
        try {
            for (int i = 0; !ended.get(); ) {
                StringBuilder batch = new StringBuilder();
                for (int end = i + 50; i < end; i++) {
                    batch.append(name).append('-').append(i).append('\n');
                }
                client.send(batch.toString());
            }
        } catch (UncheckedIOException e) { // the reader closed the socket, or the server its side
        }
        return null;
    }

    /** @return how many replies arrived, each checked to answer the next request in order */
    private static Integer readRepliesUntilEnd(TestClient client, String name, AtomicBoolean ended) throws IOException {
        try (client) {
            BufferedReader replies = new BufferedReader(new InputStreamReader(client.socket.getInputStream(), UTF_8));
            int count = 0;
            for (String reply; (reply = replies.readLine()) != null; count++) {
                assertEquals((name + "-" + count).toUpperCase(), reply);
            }
            return count;
        } finally {
            ended.set(true);
        }
    }

    @Test
    void answersARequestInFlightAtAWorker() throws Exception {
        Services.Gate gate = new Services.Gate();
        try (TestServer server = TestServer.start("framing = line", gate);
                TestClient client = server.connect()) {
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
        try (Socket probe = new Socket(server.address().getAddress(), server.address().getPort())) {
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
    void stoppingBeforeStartingDoesNothing() {
        TcpTransport unstarted = (TcpTransport) new TcpTransportProvider()
                .create(TestSettings.transportContext("tcp", "port = 0"));
        assertDoesNotThrow(() -> unstarted.stop(Duration.ofSeconds(1)));
        assertNull(unstarted.localAddress());
    }

    @Test
    void stoppingTwiceIsHarmless() {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE)) {
            server.transport.stop(Duration.ofSeconds(1));
            assertDoesNotThrow(() -> server.transport.stop(Duration.ofSeconds(1)));
        }
    }

    @Test
    void endsItsLoopsAcceptorAndWorkersBeforeReturning() throws IOException {
        TransportContext context = new TransportContext("threads", "tcp",
                TestSettings.forTransport("tcp", "host = \"127.0.0.1\", port = 0, threads = 2, framing = line"),
                System.getLogger("switchboard.endpoint.threads"));
        TcpTransport transport = (TcpTransport) new TcpTransportProvider().create(context);
        transport.start(Services.SLOW_UPPER_CASE);
        try (TestClient client = TestClient.connect(transport.localAddress())) {
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
    void failsToStartOnATakenPortNamingTheAddressAndLeavingNothingOpen() {
        try (TestServer first = TestServer.start("", Services.ASCII_UPPER_CASE)) {
            int port = first.address().getPort();
            TransportContext context = new TransportContext("second", "tcp",
                    TestSettings.forTransport("tcp", "host = \"127.0.0.1\", port = " + port),
                    System.getLogger("switchboard.endpoint.second"));
            TcpTransport second = (TcpTransport) new TcpTransportProvider().create(context);

            BindException failure = assertThrows(BindException.class, () -> second.start(Services.ASCII_UPPER_CASE));

            assertTrue(failure.getMessage().startsWith("127.0.0.1:" + port + ": "), failure.getMessage());
            assertNull(second.localAddress());
            assertEquals(List.of(), threadsNamed("switchboard-second-"));
        }
    }
}
