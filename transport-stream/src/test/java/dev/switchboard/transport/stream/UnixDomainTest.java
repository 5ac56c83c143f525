package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The toolkit serves any stream family through its binding: here a Unix-domain socket in a temporary folder. */
@Timeout(30)
class UnixDomainTest {

    @TempDir
    Path directory;

    /** Binds a Unix-domain socket file, which it removes on unbind. */
    record UnixBinding(UnixDomainSocketAddress address) implements StreamBinding {
        @Override
        public ServerSocketChannel bind(int backlog) throws IOException {
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(address, backlog);
        }

        @Override
        public void unbind(SocketAddress bound) throws IOException {
            Files.deleteIfExists(((UnixDomainSocketAddress) bound).getPath());
        }
    }

    @Test
    void servesLinesOverAUnixDomainSocket() {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("upper.sock"));
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        try (TestServer server = TestServer.start(new UnixBinding(address), "framing = line",
                        (request, context, reply) -> {
                            seen.set(context);
                            Services.ASCII_UPPER_CASE.handle(request, context, reply);
                        }, null);
                StreamClient client = StreamClient.connect(address)) {
            assertEquals("HELLO\n", client.send("hello\n").readLine());
            assertEquals("WORLD\r\n", client.send("world\r\n").readLine());

            assertEquals(address, server.address());
            assertEquals(address.getPath() + " line, 2 loops", server.transport.description());
            assertEquals(address, seen.get().localAddress());
            assertEquals(UnixDomainSocketAddress.of(""), seen.get().remoteAddress(), "a client that did not bind is unnamed");
            assertEquals(2, server.stats().requests());
        }
    }

    /** Binds at one path, then moves the socket file to another, where clients find it. */
    private record MovingBinding(UnixDomainSocketAddress boundAt, UnixDomainSocketAddress address)
            implements StreamBinding {
        @Override
        public ServerSocketChannel bind(int backlog) throws IOException {
            ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(boundAt, backlog);
            Files.move(boundAt.getPath(), address.getPath());
            return channel;
        }

        @Override
        public SocketAddress localAddress(NetworkChannel channel) {
            return address;
        }
    }

    @Test
    void reportsTheLocalAddressItsBindingNamesWhereTheKernelWouldNameThePathBound() {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("upper.sock"));
        UnixDomainSocketAddress boundAt = UnixDomainSocketAddress.of(directory.resolve("bound.sock"));
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        try (TestServer server = TestServer.start(new MovingBinding(boundAt, address), "framing = line",
                        (request, context, reply) -> {
                            seen.set(context);
                            Services.ASCII_UPPER_CASE.handle(request, context, reply);
                        }, null);
                StreamClient client = StreamClient.connect(address)) {
            assertEquals("HELLO\n", client.send("hello\n").readLine());

            assertEquals(address, server.address());
            assertEquals(address, seen.get().localAddress());
        }
    }

    @Test
    void removesTheSocketFileOnStopThroughItsBinding() {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("upper.sock"));
        TestServer server = TestServer.start(new UnixBinding(address), "", Services.ASCII_UPPER_CASE, null);
        assertTrue(Files.exists(address.getPath()));

        server.close();

        assertFalse(Files.exists(address.getPath()));
    }

    @Test
    void closesARefusedUnixConnectionAfterTheRepliesDue() {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("upper.sock"));
        try (TestServer server = TestServer.start(new UnixBinding(address), "framing = line, max-message-bytes = 8",
                        Services.ASCII_UPPER_CASE, null);
                StreamClient client = StreamClient.connect(address)) {
            client.send("fits\n" + "x".repeat(9) + "\n");
            assertEquals("FITS\n", client.readLine());
            client.assertClosedByServer();
            client.close(); // as a client does on end of stream: the server lingers until then
            server.awaitStats(stats -> stats.refused("message-too-large") == 1 && stats.connectionsOpen() == 0,
                    "the refusal counted and the connection closed");
        }
    }
}
