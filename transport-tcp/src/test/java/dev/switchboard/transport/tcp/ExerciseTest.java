package dev.switchboard.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The socket exercise over TCP: a welcoming socket, a connection per client, replies in upper case;
 * with each built-in framing, and on IPv4 and IPv6.
 */
@Timeout(30)
class ExerciseTest {

    private static final MessageService UPPER_CASE = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    /** A started tcp endpoint on a free port of the loopback address unless {@code hocon} says otherwise. */
    private static final class Server implements AutoCloseable {
        final Transport transport;

        Server(String hocon, MessageService service) {
            transport = new TcpTransportProvider().create(TestSettings.transportContext("tcp",
                    "host = \"127.0.0.1\", port = 0, threads = 2\n" + hocon));
            try {
                transport.start(service);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        InetSocketAddress address() {
            return (InetSocketAddress) transport.localAddress();
        }

        StreamClient connect() {
            return StreamClient.connect(address());
        }

        @Override
        public void close() {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void repliesInUpperCase() {
        try (Server server = new Server("", UPPER_CASE);
                StreamClient client = server.connect()) {
            assertEquals("HELLO, WORLD", client.send("hello, world").readString(12));
        }
    }

    @Test
    void answersTheExercisesClientWhichSendsNoNewlineAndWaits() {
        try (Server server = new Server("", UPPER_CASE);
                StreamClient client = server.connect()) {
            client.send("the exercise's sentence");
            assertEquals("THE EXERCISE'S SENTENCE", client.readString(23));
            assertEquals("AGAIN", client.send("again").readString(5), "the connection stays open");
        }
    }

    @Test
    void servesManyClientsAtOnceEachWithItsOwnReply() throws Exception {
        int clients = 100;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (Server server = new Server("", UPPER_CASE)) {
            CountDownLatch connected = new CountDownLatch(clients);
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String sentence = "sentence number " + i;
                replies.add(pool.submit(() -> {
                    try (StreamClient client = server.connect()) {
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
        try (Server server = new Server("", UPPER_CASE);
                StreamClient client = server.connect()) {
            byte[] e = "é".getBytes(UTF_8);
            client.send(new byte[] {e[0]});
            Await.until(() -> server.transport.stats().bytesIn() == 1, "the server has read the first byte alone");
            client.send(new byte[] {e[1]});
            assertArrayEquals("É".getBytes(UTF_8), client.read(2));
        }
    }

    @Test
    void answersPipelinedLinesEachWithItsOwnTerminator() {
        try (Server server = new Server("framing = line", UPPER_CASE);
                StreamClient client = server.connect()) {
            client.send("hello\nworld\r\n\nlast\n");
            assertEquals("HELLO\n", client.readLine());
            assertEquals("WORLD\r\n", client.readLine());
            assertEquals("\n", client.readLine());
            assertEquals("LAST\n", client.readLine());
        }
    }

    @Test
    void answersPipelinedLengthPrefixedFramesInFrames() {
        try (Server server = new Server("framing = length-prefixed", UPPER_CASE);
                StreamClient client = server.connect()) {
            client.sendFrame("one").sendFrame("").sendFrame("three");
            assertEquals("ONE", client.readFrame());
            assertEquals("", client.readFrame());
            assertEquals("THREE", client.readFrame());
        }
    }

    @Test
    void servesAThousandConcurrentConnections() {
        int count = 1000;
        try (Server server = new Server("", UPPER_CASE)) {
            List<StreamClient> clients = new ArrayList<>();
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
                assertEquals(count, server.transport.stats().connectionsOpen());
            } finally {
                clients.forEach(StreamClient::close);
            }
            Await.until(() -> server.transport.stats().connectionsOpen() == 0, "every connection closed");
        }
    }

    @Test
    void servesIpv6() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "IPv6 loopback unavailable");
        try (Server server = new Server("host = \"::1\"", UPPER_CASE);
                StreamClient client = StreamClient.connect(new InetSocketAddress("::1", server.address().getPort()))) {
            assertEquals("OVER IPV6", client.send("over ipv6").readString(9));
            assertEquals("[::1]:" + server.address().getPort() + " raw, 2 loops",
                    server.transport.description());
        }
    }

    @Test
    void servesIpv6AndIpv4OnTheIpv6WildcardAddress() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "IPv6 loopback unavailable");
        assumeTrue(dualStack(), "the OS binds IPv6 sockets to IPv6 only");
        try (Server server = new Server("host = \"::\"", UPPER_CASE)) {
            int port = server.address().getPort();
            try (StreamClient v6 = StreamClient.connect(new InetSocketAddress("::1", port));
                    StreamClient v4 = StreamClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                assertEquals("SIX", v6.send("six").readString(3));
                assertEquals("FOUR", v4.send("four").readString(4));
            }
        }
    }

    @Test
    void servesIpv4OnlyOnTheIpv4WildcardAddress() throws IOException {
        assumeTrue(ipv6LoopbackAvailable(), "IPv6 loopback unavailable");
        try (Server server = new Server("host = \"0.0.0.0\"", UPPER_CASE)) {
            int port = server.address().getPort();
            assertEquals("0.0.0.0:" + port + " raw, 2 loops", server.transport.description());
            UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                    () -> StreamClient.connect(new InetSocketAddress("::1", port)).close());
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
