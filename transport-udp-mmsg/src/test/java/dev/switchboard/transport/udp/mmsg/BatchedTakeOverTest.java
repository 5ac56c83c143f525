package dev.switchboard.transport.udp.mmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.MessageService;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code takeOver} on the batched path: the retired loop leaves its socket without shutting its
 * receiving, so the successor receives what is queued and what comes after.
 */
@Timeout(30)
class BatchedTakeOverTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    @Test
    void theSuccessorReceivesWhatIsQueuedAndTheRetiredLoopAnswersWhatItHeld() throws Exception {
        GatedEcho gated = new GatedEcho();
        try (Endpoint old = Endpoint.start("", gated); Client client = Client.to(old.address())) {
            client.send("held");
            gated.awaitArrival();
            Set<String> queued = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                client.send("queued" + i);
                queued.add("QUEUED" + i);
            }
            Endpoint successor = Endpoint.create("max-message-bytes = 1000", MemoryBudget.processDefault());
            try {
                CompletableFuture<Void> takingOver = CompletableFuture.runAsync(() -> {
                    try {
                        successor.transport.takeOver(old.transport, UPPER);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });

                Set<String> replies = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    replies.add(client.receiveText());
                }
                assertEquals(queued, replies, "the successor received what waited in the socket");
                gated.open();
                assertEquals("held", client.receiveText(), "the retired loop answered the datagram it held");
                takingOver.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

                old.transport.stop(Duration.ofSeconds(1));
                client.send("after");
                assertEquals("AFTER", client.receiveText(), "the retired stop left the socket receiving");
            } finally {
                successor.close();
            }
        }
    }
}
