package dev.switchboard.transport.udp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class UdpTransportTest {

    @Test
    void answersADatagramWithTheServicesReply() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.upper());
                TestClient client = endpoint.client()) {
            client.send("hello");
            assertEquals("HELLO", client.receiveText());
            TransportStats stats = endpoint.awaitStats(s -> s.replies() == 1, "one reply counted");
            assertEquals(1, stats.requests());
            assertEquals(5, stats.bytesIn());
            assertEquals(5, stats.bytesOut());
            assertEquals(Map.of(), stats.refusals());
            assertEquals(Map.of(), stats.errors());
        }
    }

    @Test
    void repliesToTheSendersAddress() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.upper());
                TestClient a = endpoint.client();
                TestClient b = endpoint.client()) {
            a.send("a1");
            b.send("b1");
            a.send("a2");
            b.send("b2");
            DatagramPacket first = a.receivePacket();
            assertEquals(endpoint.address(), first.getSocketAddress());
            assertEquals("A1", new String(first.getData(), 0, first.getLength(), UTF_8));
            assertEquals("B1", b.receiveText());
            assertEquals("A2", a.receiveText());
            assertEquals("B2", b.receiveText());
        }
    }

    @Test
    void returnsTheLargestIpv4DatagramWhole() {
        byte[] largest = new byte[UdpSettings.MAX_DATAGRAM_IPV4];
        new Random(42).nextBytes(largest);
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.echo());
                TestClient client = endpoint.client()) {
            client.send(largest);
            assertArrayEquals(largest, client.receive());
        }
    }

    @Test
    void refusesADatagramOverMaxMessageBytesAndKeepsServing() {
        try (TestEndpoint endpoint = TestEndpoint.start("max-message-bytes = 100", Services.echo());
                TestClient client = endpoint.client()) {
            client.send(new byte[101]);
            client.send("next");
            assertEquals("next", client.receiveText(), "the first reply is the next datagram's");
            TransportStats stats = endpoint.awaitStats(s -> s.refused("message-too-large") == 1, "one refusal");
            assertEquals(1, stats.requests());
            assertEquals(105, stats.bytesIn());
        }
    }

    @Test
    void acceptsADatagramOfExactlyMaxMessageBytes() {
        byte[] datagram = new byte[100];
        new Random(7).nextBytes(datagram);
        try (TestEndpoint endpoint = TestEndpoint.start("max-message-bytes = 100", Services.echo());
                TestClient client = endpoint.client()) {
            client.send(datagram);
            assertArrayEquals(datagram, client.receive());
        }
    }

    @Test
    void answersAnEmptyDatagramWithAnEmptyReply() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.echo());
                TestClient client = endpoint.client()) {
            client.send(new byte[0]);
            assertEquals(0, client.receive().length);
            assertEquals(1, endpoint.awaitStats(s -> s.replies() == 1, "one reply counted").requests());
        }
    }

    @Test
    void answersManyConcurrentClientsEachWithTheirOwnReplies() throws Exception {
        int clients = 50;
        int datagrams = 20;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (TestEndpoint endpoint = TestEndpoint.start("threads = 2", Services.upper())) {
            List<Future<?>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (TestClient client = endpoint.client()) {
                        for (int d = 0; d < datagrams; d++) {
                            client.send("client " + id + " datagram " + d);
                            assertEquals("CLIENT " + id + " DATAGRAM " + d, client.receiveText());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            TransportStats stats = endpoint.awaitStats(s -> s.replies() == clients * datagrams, "every reply counted");
            assertEquals(clients * datagrams, stats.requests());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void bindsOneSocketPerThreadOnOnePort() throws IOException {
        try (TestEndpoint endpoint = TestEndpoint.start("threads = 2", Services.upper())) {
            int port = endpoint.address().getPort();
            assertEquals("127.0.0.1:" + port + ", 2 sockets", endpoint.transport.description());
            Path table = Path.of("/proc/net/udp");
            if (Files.isReadable(table)) {
                long sockets = KernelDrops.rows(Files.readString(table)).stream()
                        .filter(row -> row.localPort() == port)
                        .count();
                assertEquals(2, sockets, "rows of /proc/net/udp on port " + port);
            }
            for (int i = 0; i < 8; i++) {
                try (TestClient client = endpoint.client()) {
                    client.send("client " + i);
                    assertEquals("CLIENT " + i, client.receiveText());
                }
            }
        }
    }

    @Test
    void reportsTheBoundPortWhenPortZeroIsConfigured() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.upper())) {
            int port = endpoint.address().getPort();
            assertNotEquals(0, port);
            assertEquals("127.0.0.1:" + port, endpoint.transport.description());
        }
    }

    @Test
    void countsAServiceFailureAndAnswersTheNextDatagram() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.failingOnFail());
                TestClient client = endpoint.client()) {
            client.send("fail");
            client.send("next");
            assertEquals("NEXT", client.receiveText(), "the first reply is the next datagram's");
            TransportStats stats = endpoint.awaitStats(s -> s.failed("service") == 1, "one service failure");
            assertEquals(2, stats.requests());
        }
    }

    @Test
    void servesIpv6OnLoopback() {
        assumeTrue(ipv6LoopbackWorks(), "no IPv6 loopback here");
        try (TestEndpoint endpoint = TestEndpoint.start("host = \"::1\"", Services.upper());
                TestClient client = endpoint.client()) {
            assertEquals("[::1]:" + endpoint.address().getPort(), endpoint.transport.description());
            client.send("over six");
            DatagramPacket reply = client.receivePacket();
            assertEquals(endpoint.address(), reply.getSocketAddress());
            assertEquals(8, reply.getLength());
        }
    }

    @Test
    void servesIpv4ClientsOnADualStackEndpoint() {
        assumeTrue(ipv6LoopbackWorks(), "no IPv6 here");
        try (TestEndpoint endpoint = TestEndpoint.start("host = \"::\"", Services.upper());
                TestClient v4 = TestClient.to(new InetSocketAddress("127.0.0.1", endpoint.address().getPort()));
                TestClient v6 = TestClient.to(new InetSocketAddress("::1", endpoint.address().getPort()))) {
            v4.send("four");
            assertEquals("FOUR", v4.receiveText());
            v6.send("six");
            assertEquals("SIX", v6.receiveText());
        }
    }

    private static boolean ipv6LoopbackWorks() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            return socket.isBound();
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void reportsALoopHeldByAServiceThatDoesNotSayItBlocks() throws InterruptedException {
        Gate gate = new Gate();
        try (TestEndpoint endpoint = TestEndpoint.start("blocked-thread-warning = 100ms", Services.gated(gate, false));
                TestClient client = endpoint.client()) {
            client.send("wait, held");
            gate.awaitArrivals();
            endpoint.awaitStats(stats -> stats.failed("blocked-thread") == 1, "the stall counted");
            gate.open();
            assertEquals("wait, held", client.receiveText());
        }
    }
}
