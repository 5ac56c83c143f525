package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.testkit.Await;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code switchService}: the socket stays, the datagram in the old service is answered by it, the next ones by the new. */
@Timeout(30)
class ServiceSwitchTest {

    @Test
    void answersWithTheNewServiceOnTheSameSocket() {
        try (TestEndpoint endpoint = TestEndpoint.start("threads = 2", Services.upper());
                TestClient client = endpoint.client()) {
            client.send("before");
            assertEquals("BEFORE", client.receiveText());

            endpoint.transport.switchService(Services.echo());

            client.send("after");
            assertEquals("after", client.receiveText());
        }
    }

    @Test
    void returnsOnceTheDatagramInTheOldServiceIsAnsweredByIt() throws Exception {
        switchesAfterTheCallInTheOldServiceEnds(false);
    }

    @Test
    void returnsOnceTheDatagramAtAWorkerIsAnsweredByTheOldService() throws Exception {
        switchesAfterTheCallInTheOldServiceEnds(true);
    }

    private static void switchesAfterTheCallInTheOldServiceEnds(boolean blocking) throws Exception {
        Gate gate = new Gate();
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.gated(gate, blocking));
                TestClient client = endpoint.client()) {
            client.send("wait-old");
            gate.awaitArrivals();

            CompletableFuture<Void> switching = CompletableFuture.runAsync(() -> endpoint.transport.switchService(
                    blocking ? Services.blocking(Services.upper()) : Services.upper()));
            assertFalse(switching.isDone(), "the switch waits while a datagram is in the old service");
            gate.open();

            assertEquals("wait-old", client.receiveText());
            switching.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            client.send("new");
            assertEquals("NEW", client.receiveText());
        }
    }

    @Test
    void refusesANonBlockingServiceInPlaceOfABlockingOneAndKeepsServing() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.blocking(Services.upper()));
                TestClient client = endpoint.client()) {
            assertThrows(IllegalArgumentException.class, () -> endpoint.transport.switchService(Services.echo()));

            client.send("still");
            assertEquals("STILL", client.receiveText());
        }
    }

    @Test
    void cannotSwitchBeforeItStarts() {
        UdpTransport transport = TestEndpoint.create(TestEndpoint.context(""));

        assertThrows(IllegalStateException.class, () -> transport.switchService(Services.upper()));
    }
}
