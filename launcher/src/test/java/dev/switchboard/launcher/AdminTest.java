package dev.switchboard.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.endpoint.Admin;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The admin endpoint as the launcher configures and starts it, over the real transports. */
@Timeout(30)
class AdminTest {

    private static final String ENDPOINTS = """
            switchboard.endpoint-defaults.shutdown-grace = 1s
            switchboard.endpoints {
              udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
              tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1 }
            }
            """;

    @TempDir
    Path directory;

    private Server server;
    private Admin admin;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (admin != null) {
            admin.stop();
        }
    }

    /** Starts the admin endpoint on a free port, then the endpoints, as {@code Main} does. */
    private InetSocketAddress start(String hocon) {
        TestHome home = new TestHome(directory);
        home.configure("switchboard.admin.port = 0\n" + hocon);
        Launcher launcher = home.launcher();
        admin = launcher.get(Admin.class);
        server = launcher.get(Server.class);
        InetSocketAddress address = admin.start(server).orElseThrow();
        launcher.start();
        return address;
    }

    private Map<String, InetSocketAddress> endpoints() {
        return server.endpoints().stream().collect(
                Collectors.toMap(Endpoint::name, endpoint -> (InetSocketAddress) endpoint.transport().localAddress()));
    }

    private static String get(InetSocketAddress admin, String path) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(
                    "http://127.0.0.1:" + admin.getPort() + path).toURL().openConnection();
            connection.setConnectTimeout(10_000);
            connection.setReadTimeout(10_000);
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return status + " " + new String(in.readAllBytes(), UTF_8);
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void countsInMetricsEveryRequestEachEndpointsStatsCount() throws IOException {
        InetSocketAddress address = start(ENDPOINTS);
        Map<String, InetSocketAddress> endpoints = endpoints();
        int requests = 7;
        for (int i = 0; i < requests; i++) {
            assertEquals("HELLO", Loopback.udp(endpoints.get("udp"), "hello"));
            assertEquals("HELLO", Loopback.tcp(endpoints.get("tcp"), "hello", 5));
        }

        String metrics = get(address, "/metrics");

        for (Endpoint endpoint : server.endpoints()) {
            assertEquals(requests, endpoint.transport().stats().requests());
            String labels = "{endpoint=\"" + endpoint.name() + "\",transport=\"" + endpoint.transportName() + "\"}";
            assertTrue(metrics.contains("\nswitchboard_requests_total" + labels + " " + requests + ".0\n"), metrics);
            assertTrue(metrics.contains("\nswitchboard_replies_total" + labels + " " + requests + ".0\n"), metrics);
            assertTrue(metrics.contains("\nswitchboard_bytes_received_total" + labels + " " + 5 * requests + ".0\n"), metrics);
            assertTrue(metrics.contains("\nswitchboard_service_seconds_count" + labels + " " + requests + "\n"), metrics);
        }
        assertTrue(metrics.contains("\nswitchboard_connections_open{endpoint=\"tcp\",transport=\"tcp\"} "), metrics);
        assertTrue(metrics.contains("\nswitchboard_kernel_drops_total{endpoint=\"udp\",transport=\"udp\"} 0.0\n"), metrics);
    }

    @Test
    void isReadyOnceEveryEndpointServes() {
        InetSocketAddress address = start(ENDPOINTS);

        assertEquals("200 {\"status\":\"ready\",\"endpoints\":{\"tcp\":\"serving\",\"udp\":\"serving\"}}",
                get(address, "/health/ready"));
        assertEquals("200 {\"status\":\"live\"}", get(address, "/health/live"));
    }

    @Test
    void isNotReadyOnceTheStopBeginsWhileTheEndpointsStillDrain() throws Exception {
        InetSocketAddress address = start(ENDPOINTS.replace("shutdown-grace = 1s", "shutdown-grace = 20s"));
        InetSocketAddress tcp = endpoints().get("tcp");
        try (Hog hog = Hog.stall(tcp)) {
            Thread stopping = new Thread(server::stop, "test-stop");
            stopping.start();
            try {
                String draining = "503 {\"status\":\"not ready\",\"endpoints\":{\"tcp\":\"draining\",\"udp\":\"stopped\"}}";
                Await.until(() -> get(address, "/health/ready").equals(draining), "not ready once the stop began: "
                        + draining);

                assertTrue(stopping.isAlive(), "the tcp endpoint still drains");
            } finally {
                hog.close();
                stopping.join(10_000);
            }
        }
        assertEquals("503 {\"status\":\"not ready\",\"endpoints\":{\"tcp\":\"stopped\",\"udp\":\"stopped\"}}",
                get(address, "/health/ready"));
    }

    @Test
    void failsToStartWhenItsPortIsTakenBeforeAnyEndpointBinds() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            TestHome home = new TestHome(directory);
            home.configure("switchboard.admin.port = " + taken.getLocalPort() + "\n" + ENDPOINTS);
            Launcher launcher = home.launcher();
            Server unstarted = launcher.get(Server.class);

            LaunchException e = assertThrows(LaunchException.class, () -> launcher.get(Admin.class).start(unstarted));

            assertEquals(LaunchException.START_FAILED, e.status());
            assertTrue(e.getMessage().startsWith("admin endpoint: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": "),
                    e.getMessage());
            assertTrue(unstarted.endpoints().isEmpty());
        }
    }

    @Test
    void bindsNothingWhenDisabled() {
        TestHome home = new TestHome(directory);
        home.configure("switchboard.admin.enabled = false\n" + ENDPOINTS);

        assertEquals(Optional.empty(), home.launcher().get(Admin.class).start(List::of));
    }

    private LaunchException badConfiguration(String admin) {
        TestHome home = new TestHome(directory);
        home.configure(admin + "\n" + ENDPOINTS);
        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().check(System.out));
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
        return e;
    }

    private String file() {
        return directory.resolve("config/switchboard.conf").toString();
    }

    @Test
    void refusesAPortOutOfRangeNamingTheFileLineAndPath() {
        LaunchException e = badConfiguration("switchboard.admin.port = 70000");

        assertEquals(file() + ":1: switchboard.admin.port: expected an integer from 0 to 65535, got 70000",
                e.getMessage());
    }

    @Test
    void refusesAHostThatIsNoAddress() {
        LaunchException e = badConfiguration("switchboard.admin.host = \"\"");

        assertEquals(file() + ":1: switchboard.admin.host: expected an IP address such as 127.0.0.1 or ::1, or a host"
                + " name this machine resolves, got \"\"", e.getMessage());
    }

    @Test
    void refusesAnUnknownSettingListingTheKnownOnes() {
        LaunchException e = badConfiguration("switchboard.admin.prot = 9000");

        assertEquals(file() + ":1: switchboard.admin.prot: unknown setting for the admin endpoint; known settings:"
                + " enabled, host, port", e.getMessage());
    }

    @Test
    void refusesAnAdminThatIsNotABlock() {
        LaunchException e = badConfiguration("switchboard.admin = on");

        assertEquals(file() + ":1: switchboard.admin: expected { enabled = true, host = \"127.0.0.1\", port = 9464 },"
                + " got \"on\"", e.getMessage());
    }
}
