package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code takeOver}: a transport with new settings serves on a serving one's sockets; the retired one
 * answers what it had taken, and its stop leaves the sockets open.
 */
@Timeout(30)
class TakeOverTest {

    private UdpTransport successor;

    @AfterEach
    void stop() {
        if (successor != null) {
            successor.stop(Duration.ofSeconds(1));
        }
    }

    private void takeOver(TestEndpoint old, String hocon) throws Exception {
        successor = TestEndpoint.create(TestEndpoint.context("successor", hocon));
        successor.takeOver(old.transport, Services.upper());
    }

    @Test
    void answersTheDatagramsQueuedInTheSocketAndTheOneTheOldLoopHeld() throws Exception {
        Gate gate = new Gate();
        try (TestEndpoint old = TestEndpoint.start("", Services.gated(gate, false));
                TestClient client = old.client()) {
            client.send("wait");
            gate.awaitArrivals();
            Set<String> queued = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                client.send("queued" + i);
                queued.add("QUEUED" + i);
            }

            successor = TestEndpoint.create(TestEndpoint.context("successor", "max-message-bytes = 1000"));
            CompletableFuture<Void> takingOver = CompletableFuture.runAsync(() -> {
                try {
                    successor.takeOver(old.transport, Services.upper());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });

            Set<String> replies = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                replies.add(client.receiveText());
            }
            assertEquals(queued, replies, "the successor received what waited in the socket");
            assertFalse(takingOver.isDone(), "the take-over waits for the datagram the old loop holds");
            gate.open();
            assertEquals("wait", client.receiveText(), "the retired loop answered the datagram it held");
            takingOver.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void theRetiredTransportsStopLeavesTheSocketsToTheSuccessor() throws Exception {
        try (TestEndpoint old = TestEndpoint.start("threads = 2", Services.echo());
                TestClient client = old.client()) {
            takeOver(old, "threads = 2, max-message-bytes = 1000");

            old.transport.stop(Duration.ofSeconds(1));

            client.send("after");
            assertEquals("AFTER", client.receiveText());
            assertEquals(old.address(), successor.localAddress());
        }
    }

    @Test
    void theNewLimitAppliesToTheNextDatagrams() throws Exception {
        try (TestEndpoint old = TestEndpoint.start("", Services.echo());
                TestClient client = old.client()) {
            takeOver(old, "max-message-bytes = 8");

            client.send("longer than eight");
            client.send("short");

            assertEquals("SHORT", client.receiveText());
            Await.stats(successor, stats -> stats.refused("message-too-large") == 1, "the long datagram refused");
        }
    }

    @Test
    void aRetiredTransportSwitchesItsServiceAtOnceOnceItsLoopsHaveLeft() throws Exception {
        try (TestEndpoint old = TestEndpoint.start("", Services.echo())) {
            takeOver(old, "max-message-bytes = 1000");
            Await.until(() -> Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(thread -> thread.getName().startsWith("switchboard-test-loop")), "the old loop ended");

            old.transport.switchService(Services.upper());
        }
    }

    @Test
    void refusesAnotherNumberOfSocketsAndTheOldOneServesOn() throws Exception {
        try (TestEndpoint old = TestEndpoint.start("", Services.echo());
                TestClient client = old.client()) {
            UdpTransport other = TestEndpoint.create(TestEndpoint.context("successor", "threads = 2"));

            assertThrows(UnsupportedOperationException.class, () -> other.takeOver(old.transport, Services.upper()));

            client.send("still");
            assertEquals("still", client.receiveText());
        }
    }
}
