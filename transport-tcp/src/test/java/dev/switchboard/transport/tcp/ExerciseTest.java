package dev.switchboard.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The socket exercise over TCP, and its framings: issue 2. */
@Timeout(30)
class ExerciseTest {

    @Test
    void repliesInUpperCase() {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE);
                TestClient client = server.connect()) {
            assertEquals("HELLO, WORLD", client.send("hello, world").readString(12));
        }
    }

    @Test
    void answersTheExercisesClientWhichSendsNoNewlineAndWaits() {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE);
                TestClient client = server.connect()) {
            client.send("the exercise's sentence");
            assertEquals("THE EXERCISE'S SENTENCE", client.readString(23));
            assertEquals("AGAIN", client.send("again").readString(5), "the connection stays open");
        }
    }

    @Test
    void servesManyClientsAtOnceEachWithItsOwnReply() throws Exception {
        int clients = 100;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE)) {
            CountDownLatch connected = new CountDownLatch(clients);
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String sentence = "sentence number " + i;
                replies.add(pool.submit(() -> {
                    try (TestClient client = server.connect()) {
                        connected.countDown();
                        connected.await(10, TimeUnit.SECONDS);
                        return client.send(sentence).readString(sentence.length());
                    }
                }));
            }
            for (int i = 0; i < clients; i++) {
                assertEquals("SENTENCE NUMBER " + i, replies.get(i).get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keepsAUtf8CharacterSplitAcrossTwoReadsWhole() {
        try (TestServer server = TestServer.start("", Services.UPPER_CASE);
                TestClient client = server.connect()) {
            byte[] e = "é".getBytes(UTF_8);
            client.send(new byte[] {e[0]});
            server.awaitStats(stats -> stats.bytesIn() == 1, "the server has read the first byte alone");
            client.send(new byte[] {e[1]});
            assertArrayEquals("É".getBytes(UTF_8), client.read(2));
        }
    }

    @Test
    void answersPipelinedLinesEachWithItsOwnTerminator() {
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE);
                TestClient client = server.connect()) {
            client.send("hello\nworld\r\n\nlast\n");
            assertEquals("HELLO\n", client.readLine());
            assertEquals("WORLD\r\n", client.readLine());
            assertEquals("\n", client.readLine());
            assertEquals("LAST\n", client.readLine());
        }
    }

    @Test
    void answersPipelinedLengthPrefixedFramesInFrames() {
        try (TestServer server = TestServer.start("framing = length-prefixed", Services.ASCII_UPPER_CASE);
                TestClient client = server.connect()) {
            client.sendFrame("one").sendFrame("").sendFrame("three");
            assertEquals("ONE", client.readFrame());
            assertEquals("", client.readFrame());
            assertEquals("THREE", client.readFrame());
        }
    }

    @Test
    void servesAThousandConcurrentConnections() {
        int count = 1000;
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE)) {
            List<TestClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    clients.add(server.connect());
                }
                for (int i = 0; i < count; i++) {
                    clients.get(i).send("client " + i);
                }
                for (int i = 0; i < count; i++) {
                    String expected = "CLIENT " + i;
                    assertEquals(expected, clients.get(i).readString(expected.length()));
                }
                assertEquals(count, server.stats().connectionsOpen());
            } finally {
                clients.forEach(TestClient::close);
            }
            server.awaitStats(stats -> stats.connectionsOpen() == 0, "every connection closed");
        }
    }

    @Test
    void servesIpv6() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "IPv6 loopback unavailable");
        try (TestServer server = TestServer.start("host = \"::1\"", Services.ASCII_UPPER_CASE);
                TestClient client = TestClient.connect(new InetSocketAddress("::1", server.address().getPort()))) {
            assertEquals("OVER IPV6", client.send("over ipv6").readString(9));
            assertEquals("[::1]:" + server.address().getPort() + " raw, 2 loops",
                    server.transport.description());
        }
    }

    @Test
    void servesIpv6AndIpv4OnTheIpv6WildcardAddress() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "IPv6 loopback unavailable");
        assumeTrue(dualStack(), "the OS binds IPv6 sockets to IPv6 only");
        try (TestServer server = TestServer.start("host = \"::\"", Services.ASCII_UPPER_CASE)) {
            int port = server.address().getPort();
            try (TestClient v6 = TestClient.connect(new InetSocketAddress("::1", port));
                    TestClient v4 = TestClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                assertEquals("SIX", v6.send("six").readString(3));
                assertEquals("FOUR", v4.send("four").readString(4));
            }
        }
    }

    @Test
    void servesIpv4OnlyOnTheIpv4WildcardAddress() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "IPv6 loopback unavailable");
        try (TestServer server = TestServer.start("host = \"0.0.0.0\"", Services.ASCII_UPPER_CASE)) {
            int port = server.address().getPort();
            assertEquals("0.0.0.0:" + port + " raw, 2 loops", server.transport.description());
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> TestClient.connect(new InetSocketAddress("::1", port)).close());
            assertInstanceOf(ConnectException.class, refused.getCause());
        }
    }

    private static boolean dualStack() throws IOException {
        Path bindV6Only = Path.of("/proc/sys/net/ipv6/bindv6only");
        return !Files.exists(bindV6Only) || Files.readString(bindV6Only).strip().equals("0");
    }

    static boolean ipv6LoopbackAvailable() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("::1"))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
