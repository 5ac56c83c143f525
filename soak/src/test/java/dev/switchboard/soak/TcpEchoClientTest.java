package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The well-behaved TCP client against a stand-in server on loopback that answers as it is told. */
@Timeout(10)
class TcpEchoClientTest {

    private ServerSocket server;
    private final Tally tally = new Tally("well-behaved tcp-raw", "tcp-raw", true);
    private final Findings findings = new Findings();

    @AfterEach
    void closeServer() throws IOException {
        server.close();
    }

    /** Serves one connection: what each read brings is answered with {@code answer} of it, or the connection closed if that is null. */
    private InetSocketAddress serve(UnaryOperator<byte[]> answer) throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getByName(Loopback.SERVER));
        Thread thread = new Thread(() -> {
            try (Socket connection = server.accept()) {
                InputStream in = connection.getInputStream();
                byte[] buffer = new byte[65_536];
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    byte[] reply = answer.apply(Arrays.copyOf(buffer, read));
                    if (reply == null) {
                        return;
                    }
                    connection.getOutputStream().write(reply);
                }
            } catch (IOException e) {
                // the test is over
            }
        }, "stand-in-server");
        thread.setDaemon(true);
        thread.start();
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private TcpEchoClient client(InetSocketAddress address) {
        return new TcpEchoClient(Framing.RAW, address, 0, tally, findings, new Liveness("TCP"));
    }

    private static long inTenSeconds() {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    }

    @Test
    void countsAReplyThatIsTheRequestsUpperCase() throws Exception {
        TcpEchoClient client = client(serve(Ascii::upperCase));

        client.step(inTenSeconds());
        client.step(inTenSeconds());
        client.close();

        assertEquals(new Tally.Counts("well-behaved tcp-raw", "tcp-raw", true, 1, 2, 2, 0, 0, 0, 0), tally.counts());
        assertEquals(Map.of(), findings.firstByKind());
    }

    @Test
    void aReplyThatIsNotTheUpperCaseIsAFailureNamingTheFirstWrongByte() throws Exception {
        TcpEchoClient client = client(serve(request -> request));

        client.step(inTenSeconds());
        client.close();

        assertEquals(1, tally.counts().failures());
        assertEquals(0, tally.counts().replies());
        assertEquals(Map.of("well-behaved tcp-raw", List.of(
                "client 0: wrong reply to request #0: byte 0 of 14 differs: expected 0x54 'T', got 0x74 't'")),
                findings.firstByKind());
    }

    @Test
    void aConnectionTheServerClosesBeforeReplyingIsAFailureAndARefusal() throws Exception {
        TcpEchoClient client = client(serve(request -> null));

        client.step(inTenSeconds());
        client.close();

        assertEquals(1, tally.counts().failures());
        assertEquals(1, tally.counts().refusals());
        assertEquals(Map.of("well-behaved tcp-raw", List.of(
                "client 0: the server closed the connection after 0 of 14 bytes of the reply to request #0")),
                findings.firstByKind());
    }
}
