package dev.switchboard.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Transport;
import dev.switchboard.launcher.Launcher;
import dev.switchboard.launcher.LogCapture;
import dev.switchboard.launcher.Loopback;
import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.TestPlugins;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reloading the configuration file and the plugins folder into a serving launcher. */
@Timeout(60)
class ReloadTest {

    private static final String DEFAULTS = """
            switchboard.endpoint-defaults { host = 127.0.0.1, port = 0, threads = 1, shutdown-grace = 1s }
            """;
    private static final String LINES = "lines { transport = tcp, framing = line, services = [uppercase] }\n";

    @TempDir
    Path directory;

    private TestHome home;
    private Server server;
    private Reloader reloader;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private void start(String endpoints) {
        home = new TestHome(directory);
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

    /** Sends one line and reads the reply line, without its line end. */
    private static String ask(StreamClient session, String line) {
        return session.send(line + "\n").readLine().strip();
    }

    /** Builds a plugin jar of a service {@code name} appending {@code suffix}, then moves it into {@code plugins/}. */
    private Path plugin(String jarName, String name, String suffix) throws IOException {
        Path build = Files.createDirectories(directory.resolve("build-" + suffix));
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        return Files.move(TestPlugins.plainServiceJar(build, jarName, name, suffix), plugins.resolve(jarName),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void anAddedEndpointAnswersWhileAnOpenSessionOnTheOldOneKeepsWorking() {
        start(LINES);
        try (StreamClient session = StreamClient.connect(address("lines"))) {
            assertEquals("ONE", ask(session, "one"));

            configure(LINES + "extra { transport = tcp, framing = line, services = [uppercase] }\n");
            assertTrue(reloader.reload());

            assertEquals("TWO", ask(session, "two"));
            try (StreamClient added = StreamClient.connect(address("extra"))) {
                assertEquals("NEW", ask(added, "new"));
            }
        }
    }

    @Test
    void leavesAnUnchangedEndpointsTransportAsItWas() {
        start(LINES);
        Transport before = endpoint("lines").transport();

        configure(LINES + "udp { transport = udp, services = [uppercase] }\n");
        assertTrue(reloader.reload());

        assertSame(before, endpoint("lines").transport());
    }

    @Test
    void aBrokenEditChangesNothingLogsTheErrorAndKeepsServing() throws IOException {
        start(LINES);
        try (LogCapture log = LogCapture.of("switchboard.launcher");
                StreamClient session = StreamClient.connect(address("lines"))) {
            configure(LINES + "extra { transport = tcp, framing = line, max-conections = 3 }\n");

            assertFalse(reloader.reload());

            assertTrue(log.lines().stream().anyMatch(line -> line.startsWith("SEVERE ")
                    && line.contains("switchboard.endpoints.extra.max-conections: unknown setting")), log.lines().toString());
            assertEquals(List.of("lines"), server.endpoints().stream().map(Endpoint::name).toList());
            assertEquals("STILL", ask(session, "still"));
            assertEquals("NEW", Loopback.tcp(address("lines"), "new\n", 4).strip());
        }
    }

    @Test
    void switchesTheServicesOfAnOpenTcpConnection() throws IOException {
        start(LINES);
        Files.copy(TestPlugins.reverseJar(), home.plugins().resolve("reverse.jar"));
        try (StreamClient session = StreamClient.connect(address("lines"))) {
            assertEquals("HELLO", ask(session, "hello"));

            configure("lines { transport = tcp, framing = line, services = [reverse] }\n");
            assertTrue(reloader.reload());

            assertEquals("olleh", ask(session, "hello"));
        }
    }

    @Test
    void switchesTheServicesOfAUdpEndpointOnItsSocket() throws IOException {
        start("udp { transport = udp, services = [uppercase] }\n");
        InetSocketAddress before = address("udp");
        Files.copy(TestPlugins.reverseJar(), home.plugins().resolve("reverse.jar"));

        configure("udp { transport = udp, services = [reverse, uppercase] }\n");
        assertTrue(reloader.reload());

        assertEquals(before, address("udp"));
        assertEquals("OLLEH", Loopback.udp(before, "hello"));
    }

    @Test
    void drainsAndStopsARemovedEndpoint() throws IOException {
        start(LINES + "extra { transport = tcp, framing = line }\n");
        InetSocketAddress removed = address("extra");

        configure(LINES);
        assertTrue(reloader.reload());

        assertEquals(List.of("lines"), server.endpoints().stream().map(Endpoint::name).toList());
        Await.until(() -> refused(removed), "the removed endpoint's port refusing connections");
    }

    private static boolean refused(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void bindsTheNewAddressOfAMovedEndpointThenDrainsTheOldOne() {
        start(LINES);
        int newPort = freePort();
        try (StreamClient old = StreamClient.connect(address("lines"))) {
            assertEquals("OLD", ask(old, "old"));

            configure(LINES.replace("framing", "port = " + newPort + ", framing"));
            assertTrue(reloader.reload());

            assertEquals(newPort, address("lines").getPort());
            try (StreamClient moved = StreamClient.connect(address("lines"))) {
                assertEquals("NEW", ask(moved, "new"));
            }
            old.assertClosedByServer();
        }
    }

    @Test
    void servesWithAPluginJarAddedToThePluginsFolder() throws IOException {
        start(LINES);
        plugin("bang.jar", "bang", "!");

        configure(LINES + "bang { transport = tcp, framing = line, services = [bang] }\n");
        assertTrue(reloader.reload());

        assertEquals("hi!", Loopback.tcp(address("bang"), "hi\n", 4).strip());
    }

    @Test
    void movesTheEndpointsOfAReplacedPluginJarToItsNewLayerOnTheirOpenConnections() throws IOException {
        plugin("tag.jar", "tag", "-1");
        start("tagged { transport = tcp, framing = line, services = [tag] }\n");
        try (LogCapture log = LogCapture.of("switchboard.plugins");
                StreamClient session = StreamClient.connect(address("tagged"))) {
            assertEquals("a-1", ask(session, "a"));
            plugin("tag.jar", "tag", "-2");

            assertTrue(reloader.reload());

            assertEquals("b-2", ask(session, "b"));
            assertTrue(log.lines().contains("INFO plugin tag.jar: its previous layer is released"), log.lines().toString());
        }
    }

    @Test
    void anObserverPluginAddedToThePluginsFolderObservesTheEndpointsTheReloadStarts() throws IOException {
        start(LINES);
        String prefix = "reload.observer." + System.nanoTime();
        Path build = Files.createDirectories(directory.resolve("build-observer"));
        Files.move(TestPlugins.plainObserverJar(build, "observer.jar", prefix), home.plugins().resolve("observer.jar"));
        configure(LINES + "extra { transport = tcp, framing = line, services = [uppercase] }\n");

        assertTrue(reloader.reload());
        assertEquals("HI\n", Loopback.tcp(address("extra"), "hi\n", 3));

        Await.until(() -> "1".equals(System.getProperty(prefix + ".extra.served")), "the request observed");
    }

    @Test
    void keepsTheLayerOfAnUnchangedPluginJar() throws IOException {
        plugin("tag.jar", "tag", "-1");
        start("tagged { transport = tcp, framing = line, services = [tag] }\n");
        Transport before = endpoint("tagged").transport();
        Endpoint serving = endpoint("tagged");

        assertTrue(reloader.reload());

        assertSame(before, endpoint("tagged").transport());
        assertSame(serving, endpoint("tagged"), "nothing switched");
    }

    @Test
    void refusesAReloadWhenAPluginCannotBeLoaded() throws IOException {
        start(LINES);
        Files.writeString(home.plugins().resolve("broken.jar"), "not a jar");
        configure(LINES + "extra { transport = tcp, framing = line }\n");

        assertFalse(reloader.reload());

        assertEquals(List.of("lines"), server.endpoints().stream().map(Endpoint::name).toList());
        assertEquals("OK", Loopback.tcp(address("lines"), "ok\n", 3).strip());
    }

    @Test
    void changesNothingWhenAnAddedEndpointCannotBind() throws IOException {
        start(LINES);
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            configure(LINES + "a-first { transport = udp }\n"
                    + "taken { transport = tcp, port = " + taken.getLocalPort() + " }\n");

            assertFalse(reloader.reload());

            assertEquals(List.of("lines"), server.endpoints().stream().map(Endpoint::name).toList());
        }
    }

    @Test
    void switchedServicesAreTheOnesTheNextReloadComparesWith() {
        start(LINES);
        configure("lines { transport = tcp, framing = line, services = [{ name = uppercase, mode = ascii }] }\n");
        assertTrue(reloader.reload());
        Endpoint switched = endpoint("lines");

        assertTrue(reloader.reload());

        assertSame(switched, endpoint("lines"));
        assertNotEquals(List.of(), switched.serviceNames());
    }
}
