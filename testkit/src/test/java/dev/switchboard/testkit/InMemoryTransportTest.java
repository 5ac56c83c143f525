package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.ReplyTooLargeException;
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

    @Test
    void sendsAReplyOfExactlyTheDefaultBound() throws Exception {
        String largest = "x".repeat(InMemoryTransport.DEFAULT_MAX_REPLY_BYTES);
        assertEquals(Optional.of(largest), InMemoryTransport.serving(MessageService.ofText(s -> largest)).send("hi"));
    }

    @Test
    void refusesAReplyLargerThanADatagramByDefault() {
        InMemoryTransport endpoint = InMemoryTransport.serving(MessageService.ofText(s -> "x".repeat(65_508)));
        ReplyTooLargeException e = assertThrows(ReplyTooLargeException.class, () -> endpoint.send("hi"));
        assertEquals(65_507, e.maxBytes());
    }

    @Test
    void refusesAReplyLargerThanTheBoundItIsGiven() throws Exception {
        MessageService service = MessageService.ofText(s -> "x".repeat(Integer.parseInt(s)));
        InMemoryTransport endpoint = InMemoryTransport.serving(service, 196_608);

        assertEquals(100_000, endpoint.send("100000").orElseThrow().length());
        assertThrows(ReplyTooLargeException.class, () -> endpoint.send("196609"));
    }
}
