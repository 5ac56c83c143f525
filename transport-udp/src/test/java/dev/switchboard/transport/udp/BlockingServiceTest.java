package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BlockingServiceTest {

    @Test
    void runsABlockingServiceOnAWorkerThread() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.blockingThreadName());
                TestClient client = endpoint.client()) {
            client.send("which thread?");
            String thread = client.receiveText();
            assertTrue(thread.startsWith("switchboard-test-worker-"), thread);
            TransportStats stats = endpoint.awaitStats(s -> s.replies() == 1, "one reply counted");
            assertEquals(1, stats.requests());
        }
    }

    @Test
    void dropsADatagramWhenTheWorkerQueueIsFull() throws InterruptedException {
        Gate gate = new Gate();
        try (TestEndpoint endpoint = TestEndpoint.start("worker-threads = 1, worker-queue = 1", Services.gated(gate, true));
                TestClient client = endpoint.client()) {
            client.send("wait, held by the worker");
            gate.awaitArrivals();
            client.send("queued");
            client.send("dropped");
            endpoint.awaitStats(s -> s.refused("worker-queue-full") == 1, "one datagram refused");
            gate.open();
            assertEquals("wait, held by the worker", client.receiveText());
            assertEquals("queued", client.receiveText());
            client.send("after");
            assertEquals("after", client.receiveText(), "the dropped datagram got no reply");
            assertEquals(3, endpoint.awaitStats(s -> s.replies() == 3, "three replies").requests());
        }
    }

    @Test
    void countsAFailureOfABlockingServiceAndKeepsServing() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.blocking(Services.failingOnFail()));
                TestClient client = endpoint.client()) {
            client.send("fail");
            endpoint.awaitStats(s -> s.failed("service") == 1, "one service failure");
            client.send("next");
            assertEquals("NEXT", client.receiveText());
        }
    }
}
