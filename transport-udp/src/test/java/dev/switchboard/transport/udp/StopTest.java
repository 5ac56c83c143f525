package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class StopTest {

    @Test
    void letsAnInFlightBlockingRequestFinishAndSendItsReply() throws Exception {
        Gate gate = new Gate();
        TestEndpoint endpoint = TestEndpoint.start(TestEndpoint.context("graceful", ""), Services.gated(gate, true));
        try (TestClient client = endpoint.client()) {
            client.send("wait for me");
            gate.awaitArrivals();
            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> endpoint.transport.stop(Duration.ofSeconds(20)));
            Await.until(() -> liveThreads("switchboard-graceful-loop-").isEmpty(), "the loop stopped receiving");
            assertFalse(stopped.isDone(), "stop waits for the request in flight");
            gate.open();
            assertEquals("wait for me", client.receiveText());
            stopped.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            TransportStats stats = endpoint.stats();
            assertEquals(1, stats.replies());
            assertEquals(0, stats.refused("shutdown-timeout"));
        }
    }

    /** @return an endpoint whose blocking service holds a request that never completes */
    private static TestEndpoint holdingARequestForever() throws InterruptedException {
        Gate never = new Gate();
        TestEndpoint endpoint = TestEndpoint.start("", Services.gated(never, true));
        try (TestClient client = endpoint.client()) {
            client.send("wait forever");
            never.awaitArrivals();
        }
        return endpoint;
    }

    @Test
    void countsARequestCutByTheGraceAsShutdownTimeout() throws InterruptedException {
        TestEndpoint endpoint = holdingARequestForever();

        endpoint.transport.stop(Duration.ofMillis(50));

        TransportStats stats = endpoint.stats();
        assertEquals(1, stats.refused("shutdown-timeout"));
        assertEquals(0, stats.replies());
    }

    @Test
    void endsEveryThreadItStartedBeforeReturning() {
        TestEndpoint endpoint = TestEndpoint.start(TestEndpoint.context("ending", "threads = 2"),
                Services.blocking(Services.upper()));
        try (TestClient client = endpoint.client()) {
            client.send("start a worker");
            assertEquals("START A WORKER", client.receiveText());
        }
        assertFalse(liveThreads("switchboard-ending-").isEmpty());
        endpoint.transport.stop(Duration.ofSeconds(5));
        assertEquals(List.of(), liveThreads("switchboard-ending-"));
    }

    @Test
    void countsWhatTheGraceCutOnceWhenStoppedTwice() throws InterruptedException {
        TestEndpoint endpoint = holdingARequestForever();

        endpoint.transport.stop(Duration.ofMillis(50));
        endpoint.transport.stop(Duration.ofMillis(50));
        endpoint.transport.close();

        assertEquals(1, endpoint.stats().refused("shutdown-timeout"));
    }

    @Test
    void stoppingBeforeStartingLeavesItReadyToStart() throws IOException {
        UdpTransport transport = TestEndpoint.create(TestEndpoint.context(""));

        transport.stop(Duration.ofSeconds(1));

        transport.start(Services.upper());
        try (TestClient client = TestClient.to((InetSocketAddress) transport.localAddress())) {
            client.send("started");
            assertEquals("STARTED", client.receiveText());
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void startsOnlyOnce() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.upper())) {
            assertThrows(IllegalStateException.class, () -> endpoint.transport.start(Services.upper()));
        }
    }

    @Test
    void startsAgainOnThePortItReleased() {
        int port;
        try (TestEndpoint first = TestEndpoint.start("threads = 2", Services.upper())) {
            port = first.address().getPort();
        }
        try (TestEndpoint second = TestEndpoint.start("threads = 2, port = " + port, Services.upper());
                TestClient client = second.client()) {
            assertEquals(port, second.address().getPort());
            client.send("again");
            assertEquals("AGAIN", client.receiveText());
        }
    }

    @Test
    void failsToBindAPortInUseNamingTheAddressAndLeavingNothingOpen() throws IOException {
        for (int threads : List.of(1, 2)) {
            int port;
            UdpTransport transport;
            try (DatagramChannel taken = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress("127.0.0.1", 0))) {
                port = ((InetSocketAddress) taken.getLocalAddress()).getPort();
                transport = TestEndpoint.create(TestEndpoint.context("threads = " + threads + ", port = " + port));
                BindException e = assertThrows(BindException.class, () -> transport.start(Services.upper()));
                assertTrue(e.getMessage().startsWith("127.0.0.1:" + port + ": "), e.getMessage());
                assertEquals(null, transport.localAddress());
            }
            try (TestEndpoint endpoint = TestEndpoint.start("threads = " + threads + ", port = " + port, Services.upper())) {
                assertEquals(port, endpoint.address().getPort(), "the failed start left the port free");
            }
        }
    }

    @Test
    void refusesToShareItsPortWithAnotherSocketThatAllowsIt() throws IOException {
        try (DatagramChannel sharing = DatagramChannel.open(StandardProtocolFamily.INET)) {
            sharing.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            sharing.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) sharing.getLocalAddress()).getPort();
            UdpTransport transport = TestEndpoint.create(TestEndpoint.context("threads = 2, port = " + port));
            BindException e = assertThrows(BindException.class, () -> transport.start(Services.upper()));
            assertTrue(e.getMessage().startsWith("127.0.0.1:" + port + ": "), e.getMessage());
        }
    }

    private static List<Thread> liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(prefix) && thread.isAlive())
                .collect(Collectors.toList());
    }
}
