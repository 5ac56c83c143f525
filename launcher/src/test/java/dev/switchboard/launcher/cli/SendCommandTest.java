package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard send} against small servers of the test's own, over real loopback sockets. */
@Timeout(30)
class SendCommandTest {

    @TempDir
    Path home;

    @Test
    void sendsTheTextOverUdpAndPrintsTheReply() throws IOException {
        try (EchoServers.Udp server = new EchoServers.Udp(EchoServers.UPPERCASE)) {
            Run run = Run.of(home, "send", server.url(), "hello", "world");

            assertEquals(0, run.status(), run.toString());
            assertEquals("HELLO WORLD\n", run.out());
        }
    }

    @Test
    void sendsTheTextOverTcpAndPrintsTheReply() throws IOException {
        try (EchoServers.Stream server = EchoServers.Stream.tcp(EchoServers.UPPERCASE)) {
            Run run = Run.of(home, "send", server.url(), "hello", "world");

            assertEquals(0, run.status(), run.toString());
            assertEquals("HELLO WORLD\n", run.out());
        }
    }

    @Test
    void promptsForEachLineOfStandardInputAndSendsThemAllOverOneTcpConnection() throws IOException {
        try (EchoServers.Stream server = EchoServers.Stream.tcp(EchoServers.UPPERCASE)) {
            Run run = Run.withInput(home, "one\ntwo\nthree\n", "send", server.url());

            assertEquals(0, run.status(), run.toString());
            assertEquals("""
                    Input lowercase sentence:ONE
                    Input lowercase sentence:TWO
                    Input lowercase sentence:THREE
                    Input lowercase sentence:
                    """, run.out());
            assertEquals(1, server.acceptedConnections());
        }
    }

    @Test
    void promptsForEachLineOfStandardInputOverUdp() throws IOException {
        try (EchoServers.Udp server = new EchoServers.Udp(EchoServers.UPPERCASE)) {
            Run run = Run.withInput(home, "one\ntwo\n", "send", server.url());

            assertEquals(0, run.status(), run.toString());
            assertEquals("Input lowercase sentence:ONE\nInput lowercase sentence:TWO\nInput lowercase sentence:\n", run.out());
        }
    }

    @Test
    void talksToAUnixDomainStreamSocket() throws IOException {
        Path socket = home.resolve("switchboard.sock");
        String url = "unix:" + socket;
        try (EchoServers.Stream server = EchoServers.Stream.unix(UnixDomainSocketAddress.of(socket), url, EchoServers.UPPERCASE)) {
            Run run = Run.withInput(home, "one\ntwo\n", "send", url);

            assertEquals(0, run.status(), run.toString());
            assertEquals("Input lowercase sentence:ONE\nInput lowercase sentence:TWO\nInput lowercase sentence:\n", run.out());
            assertEquals(1, server.acceptedConnections());
        }
    }

    @Test
    void talksToAnIpv6HostInBrackets() throws IOException {
        InetAddress ipv6Loopback = InetAddress.getByName("::1");
        assumeTrue(ipv6Loopback instanceof Inet6Address && canBind(ipv6Loopback), "no IPv6 loopback here");
        try (EchoServers.Stream server = EchoServers.Stream.tcp(ipv6Loopback, EchoServers.UPPERCASE)) {
            Run run = Run.of(home, "send", server.url(), "hello");

            assertTrue(server.url().startsWith("tcp://[::1]:"), server.url());
            assertEquals(0, run.status(), run.toString());
            assertEquals("HELLO\n", run.out());
        }
    }

    @Test
    void takesARawReplyShorterThanItsRequestAsWholeOnceNothingMoreArrives() throws IOException {
        try (EchoServers.Stream server = EchoServers.Stream.tcp(request -> "ok")) {
            Run run = Run.of(home, "send", server.url(), "a", "longer", "request");

            assertEquals(0, run.status(), run.toString());
            assertEquals("ok\n", run.out());
        }
    }

    @Test
    void exitsThreeWhenNoReplyComesWithinTheTimeout() throws IOException {
        try (EchoServers.Silent server = new EchoServers.Silent()) {
            Run run = Run.of(home, "send", "--timeout", "200ms", server.url(), "hello");

            assertEquals(3, run.status(), run.toString());
            assertEquals("switchboard send: no reply from " + server.url() + " within 200ms\n", run.err());
        }
    }

    @Test
    void exitsThreeWhenNoDatagramAnswersWithinTheTimeout() throws IOException {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String url = "udp://127.0.0.1:" + silent.getLocalPort();

            Run run = Run.of(home, "send", "--timeout", "200ms", url, "hello");

            assertEquals(3, run.status(), run.toString());
            assertEquals("switchboard send: no reply from " + url + " within 200ms\n", run.err());
        }
    }

    @Test
    void exitsFourWhenTheConnectionIsRefused() throws IOException {
        String url = "tcp://127.0.0.1:" + freedPort();

        Run run = Run.of(home, "send", url, "hello");

        assertEquals(4, run.status(), run.toString());
        assertTrue(run.err().startsWith("switchboard send: nothing listens at " + url), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void exitsFourWhenTheDatagramsPortIsUnreachable() throws IOException {
        String url = "udp://127.0.0.1:" + freedUdpPort();

        Run run = Run.of(home, "send", url, "hello");

        assertEquals(4, run.status(), run.toString());
        assertEquals("switchboard send: nothing listens at " + url + " (port unreachable)\n", run.err());
    }

    @Test
    void exitsFiveWhenTheServerClosesTheConnectionWithoutReplying() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread closer = new Thread(() -> {
                try (Socket connection = server.accept()) {
                    connection.getInputStream().read();
                } catch (IOException e) {
                    // the test is over
                }
            });
            closer.setDaemon(true);
            closer.start();
            String url = "tcp://127.0.0.1:" + server.getLocalPort();

            Run run = Run.of(home, "send", url, "hello");

            assertEquals(5, run.status(), run.toString());
            assertEquals("switchboard send: " + url + " closed the connection without replying\n", run.err());
        }
    }

    @Test
    void refusesAnEmptyTextOverARawStream() {
        Run run = Run.of(home, "send", "tcp://127.0.0.1:9", "");

        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().startsWith("switchboard send: nothing to send: raw framing cannot send an empty TEXT"), run.err());
    }

    @Test
    void refusesAFramingOverUdp() {
        Run run = Run.of(home, "send", "--framing", "line", "udp://127.0.0.1:9", "hello");

        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().startsWith("switchboard send: --framing is for tcp and unix;"), run.err());
    }

    @Test
    void saysThatTheClientKnowsOnlyTheBuiltInFramings() {
        Run run = Run.of(home, "send", "--framing", "netstring", "tcp://127.0.0.1:9", "hello");

        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("the client speaks only the built-in framings raw, line and length-prefixed;"
                + " 'netstring' is not one of them"), run.err());
    }

    @Test
    void rejectsAUrlOfAnotherKind() {
        Run run = Run.of(home, "send", "http://127.0.0.1:9", "hello");

        assertEquals(2, run.status(), run.toString());
        assertTrue(run.err().contains("expected udp://HOST:PORT, tcp://HOST:PORT or unix:PATH, got 'http://127.0.0.1:9'"),
                run.err());
    }

    private static boolean canBind(InetAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on: bound, then released. */
    private static int freedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static int freedUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }
}
