package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stop loses none of the connections the kernel completed for the listener: those still in its
 * accept queue are accepted, their requests answered, before it closes (closing it first would
 * reset them).
 */
@Timeout(60)
class ListenerDrainTest {

    /** A loopback binding whose acceptor stalls on the first connection until released. */
    private static final class StallingBinding extends TestServer.Loopback {
        final CountDownLatch stalled = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        /** Only the java.nio path calls {@link #configure}, where this binding stalls. */
        @Override
        public TcpListening tcp() {
            return null;
        }

        @Override
        public void configure(SocketChannel connection) {
            if (stalled.getCount() > 0) {
                stalled.countDown();
                try {
                    release.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Test
    void aStopAnswersTheConnectionsStillQueuedOnTheListener() throws Exception {
        int queued = 8;
        StallingBinding binding = new StallingBinding();
        TestServer server = TestServer.start(binding, "framing = line", Services.ASCII_UPPER_CASE, null);
        List<StreamClient> clients = new ArrayList<>();
        try {
            clients.add(server.connect().send("first\n"));
            assertEquals(true, binding.stalled.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            for (int i = 0; i < queued; i++) {
                clients.add(server.connect().send("queued " + i + "\n")); // the kernel completes these; nobody accepts them yet
            }
            Thread stopper = new Thread(() -> server.transport.stop(Duration.ofSeconds(10)), "stopper");
            stopper.start();
            // the stop has begun once it waits for the acceptor, which is stalled
            Await.until(() -> stopper.getState() == Thread.State.TIMED_WAITING, "the stop under way");
            binding.release.countDown();

            assertEquals("FIRST\n", clients.get(0).readLine());
            for (int i = 0; i < queued; i++) {
                assertEquals("QUEUED " + i + "\n", clients.get(1 + i).readLine(), "queued client " + i);
                clients.get(1 + i).assertClosedByServer();
                clients.get(1 + i).close(); // the stop ends once every client has closed
            }
            clients.get(0).assertClosedByServer();
            clients.get(0).close();
            stopper.join(Await.TIMEOUT.toMillis());
            assertEquals(queued + 1, server.stats().connectionsAccepted());
            assertEquals(0, server.stats().refusals().size(), "nothing cut: " + server.stats());
        } finally {
            binding.release.countDown();
            clients.forEach(StreamClient::close);
            server.close();
        }
    }
}
