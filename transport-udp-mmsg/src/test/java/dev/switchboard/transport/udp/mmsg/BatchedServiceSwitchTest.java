package dev.switchboard.transport.udp.mmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.api.MessageService;
import dev.switchboard.testkit.Await;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code switchService} on the batched path: same socket, and it waits for the datagram in the old service. */
@Timeout(30)
class BatchedServiceSwitchTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));
    private static final MessageService ECHO = (request, context, reply) -> reply.write(request);

    @Test
    void answersWithTheNewServiceOnTheSameSocketWhileTheLoopWaitsForDatagrams() {
        try (Endpoint endpoint = Endpoint.start("threads = 2", UPPER); Client client = Client.to(endpoint.address())) {
            client.send("before");
            assertEquals("BEFORE", client.receiveText());

            endpoint.transport.switchService(ECHO);

            client.send("after");
            assertEquals("after", client.receiveText());
        }
    }

    @Test
    void returnsOnceTheDatagramInTheOldServiceIsAnsweredByIt() throws Exception {
        GatedEcho gated = new GatedEcho();
        try (Endpoint endpoint = Endpoint.start("", gated); Client client = Client.to(endpoint.address())) {
            client.send("wait-old");
            gated.awaitArrival();

            CompletableFuture<Void> switching = CompletableFuture.runAsync(() -> endpoint.transport.switchService(UPPER));
            assertFalse(switching.isDone(), "the switch waits while a datagram is in the old service");
            gated.open();

            assertEquals("wait-old", client.receiveText());
            switching.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            client.send("new");
            assertEquals("NEW", client.receiveText());
        }
    }
}
