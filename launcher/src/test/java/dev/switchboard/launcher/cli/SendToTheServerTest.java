package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard send} speaks each built-in framing of the real tcp transport, and UDP. */
@Timeout(30)
class SendToTheServerTest {

    private static Server server;
    private static Map<String, String> urls;

    @TempDir
    Path home;

    @BeforeAll
    static void start(@TempDir Path directory) {
        TestHome testHome = new TestHome(directory);
        testHome.configure("""
                switchboard.endpoint-defaults.shutdown-grace = 1s
                switchboard.endpoints {
                  udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
                  raw { transport = tcp, host = 127.0.0.1, port = 0, threads = 1 }
                  line { transport = tcp, host = 127.0.0.1, port = 0, threads = 1, framing = line }
                  length-prefixed { transport = tcp, host = 127.0.0.1, port = 0, threads = 1, framing = length-prefixed }
                }
                """);
        server = testHome.launcher().start();
        urls = server.endpoints().stream().collect(Collectors.toMap(Endpoint::name, SendToTheServerTest::url));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String url(Endpoint endpoint) {
        Object address = endpoint.transport().localAddress();
        return (endpoint.name().equals("udp") ? "udp" : "tcp") + "://127.0.0.1:" + ((InetSocketAddress) address).getPort();
    }

    @Test
    void sendsADatagram() {
        Run run = Run.of(home, "send", urls.get("udp"), "hello");

        assertEquals("HELLO\n", run.out(), run.toString());
    }

    @Test
    void sendsUnicodeOverARawConnection() {
        Run run = Run.of(home, "send", urls.get("raw"), "héllo", "wörld", "ß");

        assertEquals("HÉLLO WÖRLD SS\n", run.out(), run.toString());
    }

    @Test
    void sendsEachLineOfALineFramedSession() {
        Run run = Run.withInput(home, "one\n\ntwo\n", "send", "--framing", "line", urls.get("line"));

        assertEquals(0, run.status(), run.toString());
        assertEquals("""
                Input lowercase sentence:ONE
                Input lowercase sentence:
                Input lowercase sentence:TWO
                Input lowercase sentence:
                """, run.out());
    }

    @Test
    void sendsALengthPrefixedRequest() {
        Run run = Run.of(home, "send", "--framing", "length-prefixed", urls.get("length-prefixed"), "hello", "there");

        assertEquals(0, run.status(), run.toString());
        assertEquals("HELLO THERE\n", run.out());
    }
}
