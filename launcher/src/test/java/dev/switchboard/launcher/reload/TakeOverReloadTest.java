package dev.switchboard.launcher.reload;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportStats;
import dev.switchboard.launcher.Launcher;
import dev.switchboard.launcher.LogCapture;
import dev.switchboard.launcher.Loopback;
import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.TestPlugins;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that changes an endpoint's transport settings on the same address: the new transport
 * takes the listening socket (or the datagram sockets) over, new connections get the new settings,
 * and the connections already open keep theirs and are answered by the new services.
 */
@Timeout(60)
class TakeOverReloadTest {

    private static final String DEFAULTS = """
            switchboard.endpoint-defaults { host = 127.0.0.1, port = 0, threads = 1, shutdown-grace = 1s }
            """;
    private static final String LINES = "lines { transport = tcp, framing = line, services = [uppercase] }\n";
    /** The same address, a 16-byte limit and another chain. */
    private static final String LINES_LIMITED =
            "lines { transport = tcp, framing = line, max-message-bytes = 16, services = [reverse, uppercase] }\n";
    private static final String LONG_LINE = "longer than sixteen bytes";

    @TempDir
    Path directory;

    private TestHome home;
    private Server server;
    private Reloader reloader;

    @BeforeEach
    void plugins() throws IOException {
        home = new TestHome(directory);
        Files.copy(TestPlugins.reverseJar(), home.plugins().resolve("reverse.jar"));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(String endpoints) {
        configure(endpoints);
        Launcher launcher = home.launcher();
        server = launcher.start();
        reloader = launcher.get(Reloader.class);
    }

    private void configure(String endpoints) {
        home.configure(DEFAULTS + "switchboard.endpoints {\n" + endpoints + "}\n");
    }

    private Endpoint endpoint(String name) {
        return server.endpoints().stream().filter(endpoint -> endpoint.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no endpoint " + name + " in " + server.endpoints()));
    }

    private InetSocketAddress address(String name) {
        return (InetSocketAddress) endpoint(name).transport().localAddress();
    }

    private TransportStats stats(String name) {
        return endpoint(name).status().stats();
    }

    private static String ask(StreamClient session, String line) {
        return session.send(line + "\n").readLine().strip();
    }

    @Test
    void aSessionOpenBeforeTheReloadKeepsItsLimitAndIsAnsweredByTheNewServices() {
        start(LINES);
        InetSocketAddress before = address("lines");
        Transport transport = endpoint("lines").transport();
        try (StreamClient session = StreamClient.connect(before)) {
            assertEquals("OPEN", ask(session, "open"));
            configure(LINES_LIMITED);

            assertTrue(reloader.reload());

            assertNotSame(transport, endpoint("lines").transport(), "a new transport");
            assertEquals(before, address("lines"), "port 0 again: the same listening socket");
            assertEquals(new StringBuilder(LONG_LINE.toUpperCase()).reverse().toString(), ask(session, LONG_LINE));
        }
    }

    @Test
    void aConnectionAfterTheReloadGetsTheNewLimit() {
        start(LINES);
        configure(LINES_LIMITED);

        assertTrue(reloader.reload());

        try (StreamClient session = StreamClient.connect(address("lines"))) {
            assertEquals("TROHS", ask(session, "short"));
            session.send(LONG_LINE + "\n").assertClosedByServer();
        }
        assertEquals(1, stats("lines").refused("message-too-large"));
    }

    @Test
    void aClientConnectingInALoopAcrossReloadsIsNeverRefused() throws Exception {
        start(LINES);
        InetSocketAddress server = address("lines");
        AtomicLong answered = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<String> failures = new ArrayList<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread client = new Thread(() -> {
            while (running.get()) {
                try (Socket socket = new Socket()) {
                    socket.connect(server, 5_000);
                    socket.setSoTimeout(5_000);
                    socket.getOutputStream().write("ping\n".getBytes(UTF_8));
                    String reply = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
                    if ("PING".equals(reply) || "GNIP".equals(reply)) {
                        answered.incrementAndGet();
                    } else {
                        throw new IOException("replied " + reply);
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                    synchronized (failures) {
                        if (failures.size() < 5) {
                            failures.add(e.toString());
                        }
                    }
                }
            }
        }, "connect-loop");
        client.start();
        try {
            for (int i = 0; i < 6; i++) {
                long target = answered.get() + 20;
                Await.until(() -> answered.get() >= target || failed.get() > 0, target + " connections answered");
                configure(i % 2 == 0 ? LINES_LIMITED : LINES);
                assertTrue(reloader.reload(), "reload " + i);
            }
            long target = answered.get() + 20;
            Await.until(() -> answered.get() >= target || failed.get() > 0, target + " connections answered");
        } finally {
            running.set(false);
            client.join(10_000);
        }
        synchronized (failures) {
            assertEquals(0, failed.get(), "connections refused, reset or unanswered, the first: " + failures);
        }
        assertEquals(server, address("lines"));
    }

    @Test
    void theEndpointsCountersGoOnFromWhereTheyWereAcrossATakeOver() {
        start(LINES);
        Transport transport = endpoint("lines").transport();
        try (StreamClient session = StreamClient.connect(address("lines"))) {
            for (int i = 0; i < 3; i++) {
                ask(session, "before");
            }
            Await.until(() -> stats("lines").requests() == 3, "3 requests counted");
            configure(LINES_LIMITED);

            assertTrue(reloader.reload());

            assertNotSame(transport, endpoint("lines").transport(), "a new transport");
            assertEquals(3, stats("lines").requests(), "right after the take-over");
            assertEquals(1, stats("lines").connectionsOpen());
            ask(session, "old");
            try (StreamClient fresh = StreamClient.connect(address("lines"))) {
                ask(fresh, "new");
            }
        }
        Await.until(() -> endpoint("lines").retiredTransports() == 0, "the retired transport stopped");
        TransportStats after = stats("lines");
        assertEquals(5, after.requests());
        assertEquals(5, after.replies());
        assertEquals(2, after.connectionsAccepted());
    }

    @Test
    void theServerShowsOneServingEndpointWhileItsRetiredTransportServes() {
        start(LINES);
        try (StreamClient session = StreamClient.connect(address("lines"))) {
            assertEquals("OPEN", ask(session, "open"));
            configure(LINES_LIMITED);

            assertTrue(reloader.reload());

            assertEquals(1, endpoint("lines").retiredTransports());
            assertEquals(List.of("lines SERVING"), server.status().stream()
                    .map(status -> status.name() + " " + status.state()).toList());
        }
    }

    @Test
    void aRetiredTransportStopsWhenItsLastConnectionCloses() {
        start(LINES);
        Transport before = endpoint("lines").transport();
        try (StreamClient session = StreamClient.connect(address("lines"))) {
            assertEquals("OPEN", ask(session, "open"));
            configure(LINES_LIMITED);
            assertTrue(reloader.reload());
            assertNotSame(before, endpoint("lines").transport());
            assertEquals(1, endpoint("lines").retiredTransports());
        }

        Await.until(() -> endpoint("lines").retiredTransports() == 0, "the retired transport stopped");
        assertThrows(IllegalStateException.class, () -> before.switchService(MessageService.ofText(text -> text)), "stopped");
    }

    @Test
    void aUdpEndpointTakesItsNewLimitOverOnItsSockets() throws IOException {
        start("datagrams { transport = udp, services = [uppercase] }\n");
        InetSocketAddress before = address("datagrams");
        configure("datagrams { transport = udp, max-message-bytes = 16, services = [reverse, uppercase] }\n");

        assertTrue(reloader.reload());

        assertEquals(before, address("datagrams"), "port 0 again: the same sockets");
        assertEquals("TROHS", Loopback.udp(before, "short"));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(500);
            byte[] request = LONG_LINE.getBytes(UTF_8);
            socket.send(new DatagramPacket(request, request.length, before));
            assertThrows(SocketTimeoutException.class, () -> socket.receive(new DatagramPacket(new byte[64], 64)));
        }
        Await.until(() -> stats("datagrams").refused("message-too-large") == 1, "the long datagram refused");
    }

    @Test
    void aReplacedPluginTransportKeepsItsSettingsUntilARestartAndSaysSo() throws IOException {
        Path plugins = home.plugins();
        Path first = Files.createDirectories(directory.resolve("build-1"));
        Files.move(TestPlugins.plainStreamTransportJar(first, "plain.jar", "plainstream"), plugins.resolve("plain.jar"));
        start("plain { transport = plainstream, framing = line, services = [uppercase] }\n");
        Transport before = endpoint("plain").transport();
        try (LogCapture log = LogCapture.of("switchboard.launcher");
                StreamClient session = StreamClient.connect(address("plain"))) {
            assertEquals("OPEN", ask(session, "open"));
            Path second = Files.createDirectories(directory.resolve("build-2"));
            Files.move(TestPlugins.plainStreamTransportJar(second, "plain.jar", "plainstream"), plugins.resolve("plain.jar"),
                    StandardCopyOption.REPLACE_EXISTING);
            configure("plain { transport = plainstream, framing = line, idle-timeout = 1h, services = [uppercase] }\n");

            assertTrue(reloader.reload());

            assertSame(before, endpoint("plain").transport());
            assertTrue(log.lines().stream().anyMatch(line -> line.startsWith("WARNING ")
                    && line.contains("endpoint plain: its transport settings changed") && line.contains("next restart")),
                    log.lines().toString());
            assertEquals("STILL", ask(session, "still"));
            assertEquals("FRESH\n", Loopback.tcp(address("plain"), "fresh\n", 6));
        }
    }
}
