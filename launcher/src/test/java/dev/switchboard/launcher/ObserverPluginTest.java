package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.launcher.endpoint.Server;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An endpoint observer dropped into {@code plugins/} as a jar observes every endpoint. */
@Timeout(30)
class ObserverPluginTest {

    @TempDir
    Path directory;

    @Test
    void aPluginsObserverSeesEachEndpointsConnectionsAndRequests() throws IOException {
        TestHome home = new TestHome(directory);
        String prefix = "test.observer." + System.nanoTime();
        TestPlugins.plainObserverJar(home.plugins(), "observer.jar", prefix);
        home.configure("""
                switchboard.endpoint-defaults.shutdown-grace = 1s
                switchboard.endpoints {
                  udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
                  tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1 }
                }
                """);
        Server server = home.launcher().start();
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals("HELLO", Loopback.tcp(address(server, "tcp"), "hello", 5));
                assertEquals("HELLO", Loopback.udp(address(server, "udp"), "hello"));
            }

            assertEquals("3", System.getProperty(prefix + ".tcp.opened"));
            assertEquals("3", System.getProperty(prefix + ".tcp.served"));
            assertEquals("3", System.getProperty(prefix + ".udp.served"));
            assertEquals(null, System.getProperty(prefix + ".udp.opened"));
        } finally {
            server.stop();
        }
    }

    private static InetSocketAddress address(Server server, String endpoint) {
        return (InetSocketAddress) server.endpoints().stream().filter(e -> e.name().equals(endpoint)).findFirst()
                .orElseThrow().transport().localAddress();
    }
}
