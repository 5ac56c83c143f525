package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The real transports and the uppercase service, started by the launcher, over loopback sockets. */
@Timeout(30)
class EndToEndTest {

    private static Server server;
    private static Map<String, InetSocketAddress> addresses;

    @BeforeAll
    static void start(@TempDir Path directory) {
        TestHome home = new TestHome(directory);
        home.configure("""
                switchboard.endpoint-defaults.shutdown-grace = 1s
                switchboard.endpoints {
                  udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
                  tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1 }
                  lines { transport = tcp, host = 127.0.0.1, port = 0, threads = 1, framing = line }
                }
                """);
        server = home.launcher().start();
        addresses = server.endpoints().stream().collect(
                Collectors.toMap(Endpoint::name, endpoint -> (InetSocketAddress) endpoint.transport().localAddress()));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void answersAUdpDatagramInUpperCase() throws IOException {
        assertEquals("HELLO", Loopback.udp(addresses.get("udp"), "hello"));
    }

    @Test
    void answersWhatArrivesOnARawTcpConnectionWithoutANewline() throws IOException {
        assertEquals("HELLO", Loopback.tcp(addresses.get("tcp"), "hello", 5));
    }

    @Test
    void answersEachLineOfALineFramedEndpoint() throws IOException {
        assertEquals("ONE\nTWO\r\n", Loopback.tcp(addresses.get("lines"), "one\ntwo\r\n", 9));
    }

    @Test
    void stopsTheStartedEndpointsWhenAPortIsInUse(@TempDir Path directory) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                LogCapture log = LogCapture.of("switchboard.launcher")) {
            TestHome home = new TestHome(directory);
            home.configure("""
                    switchboard.endpoints {
                      a-udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
                      tcp { transport = tcp, host = 127.0.0.1, port = %d, threads = 1 }
                    }
                    """.formatted(taken.getLocalPort()));

            LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().start());

            assertEquals("endpoint tcp: cannot bind 127.0.0.1:" + taken.getLocalPort() + ": Address already in use",
                    e.getMessage());
            assertEquals(LaunchException.START_FAILED, e.status());
            Matcher started = Pattern.compile("INFO a-udp \\(udp\\) 127\\.0\\.0\\.1:(\\d+) ").matcher(String.join("\n", log.lines()));
            assertTrue(started.find(), log.lines().toString());
            new DatagramSocket(new InetSocketAddress("127.0.0.1", Integer.parseInt(started.group(1)))).close();
        }
    }
}
