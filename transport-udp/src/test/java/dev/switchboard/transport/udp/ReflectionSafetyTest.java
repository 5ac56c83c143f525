package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Over real sockets: replies that would amplify traffic, or cannot be sent whole, are not sent. */
@Timeout(30)
class ReflectionSafetyTest {

    @Test
    void refusesAReplyOfMoreThanMaxReplyRatioTimesItsRequest() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.growing(4));
                TestClient client = endpoint.client()) {
            client.send("grow");
            client.send("next");
            assertEquals("NEXT", client.receiveText(), "the first reply is the next datagram's");
            endpoint.awaitStats(s -> s.refused("reply-amplification") == 1 && s.replies() == 1, "one refusal, one reply");
        }
    }

    @Test
    void sendsAReplyOfMaxReplyRatioTimesItsRequest() {
        try (TestEndpoint endpoint = TestEndpoint.start("", Services.growing(3));
                TestClient client = endpoint.client()) {
            client.send("grow");
            assertEquals("growgrowgrow", client.receiveText());
        }
    }

    @Test
    void sendsAnyReplyWhenMaxReplyRatioIsZero() {
        try (TestEndpoint endpoint = TestEndpoint.start("max-reply-ratio = 0", Services.growing(100));
                TestClient client = endpoint.client()) {
            client.send("grow");
            assertEquals("grow".repeat(100), client.receiveText());
        }
    }

    @Test
    void refusesAReplyLargerThanADatagramToAnIpv4PeerCarries() {
        try (TestEndpoint endpoint = TestEndpoint.start("max-reply-ratio = 0", Services.huge(65_508));
                TestClient client = endpoint.client()) {
            client.send("huge");
            client.send("next");
            assertEquals("NEXT", client.receiveText(), "the first reply is the next datagram's");
            endpoint.awaitStats(s -> s.refused("reply-too-large") == 1, "one refusal");
        }
    }

    @Test
    void refusesAReplyLargerThanAnyDatagram() {
        try (TestEndpoint endpoint = TestEndpoint.start("max-reply-ratio = 0", Services.huge(65_528));
                TestClient client = endpoint.client()) {
            client.send("huge");
            client.send("next");
            assertEquals("NEXT", client.receiveText(), "the first reply is the next datagram's");
            endpoint.awaitStats(s -> s.refused("reply-too-large") == 1 && s.errors().isEmpty(), "one refusal, no error");
        }
    }
}
