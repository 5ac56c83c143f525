package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.launcher.Launcher;
import dev.switchboard.launcher.Loopback;
import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.endpoint.Admin;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard stats} against the admin endpoint of a real server. */
@Timeout(30)
class StatsFromTheServerTest {

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

    private static InetSocketAddress address(Server server, String endpoint) {
        return (InetSocketAddress) server.endpoints().stream().filter(e -> e.name().equals(endpoint)).findFirst()
                .map(Endpoint::transport).orElseThrow().localAddress();
    }

    @Test
    void printsTheCountersOfEachEndpointOfTheServer() throws IOException {
        TestHome home = new TestHome(directory.resolve("server"));
        home.configure("""
                switchboard.admin.port = 0
                switchboard.endpoint-defaults.shutdown-grace = 1s
                switchboard.endpoints {
                  udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
                  tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1 }
                }
                """);
        Launcher launcher = home.launcher();
        admin = launcher.get(Admin.class);
        server = launcher.get(Server.class);
        InetSocketAddress metrics = admin.start(server).orElseThrow();
        launcher.start();
        for (int i = 0; i < 3; i++) {
            assertEquals("HELLO", Loopback.udp(address(server, "udp"), "hello"));
            assertEquals("HELLO", Loopback.tcp(address(server, "tcp"), "hello", 5));
        }
        Await.until(() -> server.endpoints().stream().allMatch(e -> e.transport().stats().connectionsOpen() == 0),
                "every tcp connection closed");

        Run run = Run.of(directory.resolve("client"), "stats", "--admin", "127.0.0.1:" + metrics.getPort());

        assertEquals(0, run.status(), run.toString());
        assertEquals("""
                ENDPOINT  TRANSPORT  REQUESTS  REPLIES  BYTES IN  BYTES OUT  REFUSALS  FAILURES  OPEN  KERNEL DROPS
                tcp       tcp               3        3        15         15         0         0     0             -
                udp       udp               3        3        15         15         0         0     -             0
                """, run.out());
    }
}
