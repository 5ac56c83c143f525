package dev.switchboard.transport.udp.mmsg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.Await;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An echo that holds its loop in the service until the test opens the gate, although it does not
 * declare itself blocking: the datagrams behind wait in the socket.
 */
final class GatedEcho implements MessageService {

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);

    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) {
        arrived.countDown();
        try {
            assertTrue(open.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the gate opened");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reply.write(request);
    }

    /** Waits, bounded, until a first datagram is in the service. */
    void awaitArrival() throws InterruptedException {
        assertTrue(arrived.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the datagram reached the service");
    }

    /** Lets the held datagram, and every later one, through. */
    void open() {
        open.countDown();
    }
}
