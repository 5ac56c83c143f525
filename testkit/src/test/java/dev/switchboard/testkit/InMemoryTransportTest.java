package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {

    @Test
    void returnsTheServicesReply() throws Exception {
        InMemoryTransport endpoint = InMemoryTransport.serving(MessageService.ofText(s -> s + "!"));
        assertEquals(Optional.of("hi!"), endpoint.send("hi"));
        assertEquals(1, endpoint.stats().replies());
    }

    @Test
    void returnsNothingWhenTheServiceDoesNotReply() throws Exception {
        assertEquals(Optional.empty(), InMemoryTransport.serving(MessageService.ofText(s -> null)).send("hi"));
    }

    @Test
    void letsTheServicesExceptionsThrough() {
        InMemoryTransport endpoint = InMemoryTransport.serving(MessageService.ofText(s -> {
            throw new IllegalArgumentException("bad");
        }));
        assertThrows(IllegalArgumentException.class, () -> endpoint.send("hi"));
    }

    @Test
    void refusesRequestsOnceStopped() {
        InMemoryTransport endpoint = InMemoryTransport.serving(MessageService.ofText(s -> s));
        endpoint.close();
        assertThrows(IllegalStateException.class, () -> endpoint.send("hi"));
    }
}
