package dev.switchboard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void expectsTheRequestWithOnlyAsciiLowercaseLettersRaised() {
        Payload payload = new Payload(80, false);
        Exchange exchange = payload.newExchange();
        payload.stamp(exchange, 3, 42);
        String request = new String(exchange.request, StandardCharsets.US_ASCII);
        String reply = new String(exchange.reply, StandardCharsets.US_ASCII);
        assertEquals(request.toUpperCase(java.util.Locale.ROOT), reply);
        assertNotEquals(request, reply);
    }

    @Test
    void requestsNameTheirLaneAndSequenceInLowercaseLetters() {
        Payload payload = new Payload(64, false);
        Exchange exchange = payload.newExchange();
        payload.stamp(exchange, 27, 26 * 26 + 1);
        assertEquals("aabb-aaaaaaabab ", new String(exchange.request, 0, Payload.HEADER_BYTES, StandardCharsets.US_ASCII));
    }

    @Test
    void readsLaneAndSequenceBackFromAReplyInEitherCase() {
        Payload payload = new Payload(64, false);
        Exchange exchange = payload.newExchange();
        payload.stamp(exchange, 9_999, 123_456_789L);
        for (byte[] bytes : new byte[][] {exchange.reply, exchange.request}) {
            ByteBuffer reply = ByteBuffer.wrap(bytes);
            assertEquals(9_999, Payload.laneOf(reply));
            assertEquals(123_456_789L, Payload.sequenceOf(reply));
        }
    }

    @Test
    void aReplyWithoutAHeaderNamesNoLane() {
        ByteBuffer garbage = ByteBuffer.wrap("1234-5678901234 xyz".getBytes(StandardCharsets.US_ASCII));
        assertEquals(-1, Payload.laneOf(garbage));
        assertEquals(-1, Payload.sequenceOf(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void lineRequestsEndWithANewlineKeptInTheReply() {
        Payload payload = new Payload(64, true);
        Exchange exchange = payload.newExchange();
        assertEquals('\n', exchange.request[63]);
        assertEquals('\n', exchange.reply[63]);
        for (int i = 0; i < 63; i++) {
            assertNotEquals('\n', exchange.request[i]);
        }
    }

    @Test
    void exchangesAreSeparateCopies() {
        Payload payload = new Payload(32, false);
        Exchange a = payload.newExchange();
        Exchange b = payload.newExchange();
        payload.stamp(a, 1, 1);
        payload.stamp(b, 2, 2);
        assertNotEquals(new String(a.request, StandardCharsets.US_ASCII), new String(b.request, StandardCharsets.US_ASCII));
        assertArrayEquals(Payload.upperCase(a.request), a.reply);
    }

    @Test
    void refusesRequestsTooSmallForTheHeader() {
        assertThrows(IllegalArgumentException.class, () -> new Payload(Payload.HEADER_BYTES, false));
    }
}
