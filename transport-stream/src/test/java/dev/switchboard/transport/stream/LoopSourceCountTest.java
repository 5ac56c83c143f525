package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.Await;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.ServedEndpoint;
import dev.switchboard.transport.SourceKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A loop counts each connection out of the source the acceptor counted it in with, on every path
 * that ends it: a client that closes, a connection that could not even be registered, and a stop
 * that cuts the connections still open when its grace runs out.
 */
@Timeout(30)
class LoopSourceCountTest {

    private static final SourceKey A = new SourceKey(0, 1);
    private static final SourceKey B = new SourceKey(0, 2);

    @Test
    void everyEndOfAConnectionCountsItOutOfItsSource() throws IOException, InterruptedException {
        OpenConnections open = new OpenConnections();
        TransportContext context = TestServer.context("", null);
        ServedEndpoint served = new ServedEndpoint("test", "stream", Services.ASCII_UPPER_CASE, context.logger(),
                new RateLimitedLog(context.logger(), Duration.ofSeconds(1)), context);
        Endpoint endpoint = new Endpoint(served, StreamSettings.from(context), NotBound.INSTANCE, null, open,
                context.memoryBudget());
        SelectorLoop loop = new SelectorLoop(endpoint, IoPath.nio("a test"), new Counters().newShard(), BlockedThreads.Watch.unwatched());
        Thread thread = new Thread(loop);
        thread.setDaemon(true); // should the test fail before stopping it
        List<SocketChannel> clients = new ArrayList<>();
        try (ServerSocketChannel listener = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            thread.start();
            for (int i = 0; i < 6; i++) {
                clients.add(SocketChannel.open(listener.getLocalAddress()));
                adopt(loop, open, listener.accept(), i % 2 == 0 ? A : B);
            }
            SocketChannel gone = SocketChannel.open(listener.getLocalAddress());
            SocketChannel unregistrable = listener.accept();
            unregistrable.close(); // the loop fails to register it
            adopt(loop, open, unregistrable, B);
            gone.close();
            Await.until(() -> open.of(B) == 3, "the connection that could not be registered counted out");

            clients.get(0).close();
            Await.until(() -> open.of(A) == 2, "the connection its client closed counted out");

            loop.stop(System.nanoTime() + Duration.ofMillis(200).toNanos()); // the other clients never close
            thread.join(10_000);
            assertFalse(thread.isAlive());
            assertEquals(0, open.total());
            assertEquals(0, open.sources());
        } finally {
            for (SocketChannel client : clients) {
                client.close();
            }
        }
    }

    private static void adopt(SelectorLoop loop, OpenConnections open, SocketChannel accepted, SourceKey source)
            throws IOException {
        if (accepted.isOpen()) {
            accepted.configureBlocking(false);
        }
        open.opened(source);
        loop.adopt(new NioSocket(accepted, NotBound.INSTANCE), source);
    }
}
