package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FramingTest {

    private static final byte[] HELLO = "hello, World 1!".getBytes(US_ASCII);

    @Test
    void rawSendsThePayloadAsItIsAndExpectsItsUpperCase() {
        assertArrayEquals(HELLO, Framing.RAW.frame(HELLO));
        assertArrayEquals("HELLO, WORLD 1!".getBytes(US_ASCII), Framing.RAW.expectedReply(HELLO));
    }

    @Test
    void lineEndsTheRequestAndTheExpectedReplyWithLf() {
        assertArrayEquals("hello, World 1!\n".getBytes(US_ASCII), Framing.LINE.frame(HELLO));
        assertArrayEquals("HELLO, WORLD 1!\n".getBytes(US_ASCII), Framing.LINE.expectedReply(HELLO));
    }

    @Test
    void lengthPrefixedPutsTheLengthInFourBigEndianBytesBeforeRequestAndReply() {
        byte[] reply = Framing.LENGTH_PREFIXED.expectedReply(HELLO);

        assertEquals(HELLO.length, ByteBuffer.wrap(Framing.LENGTH_PREFIXED.frame(HELLO)).getInt());
        assertEquals(HELLO.length, ByteBuffer.wrap(reply).getInt());
        assertArrayEquals("HELLO, WORLD 1!".getBytes(US_ASCII), Arrays.copyOfRange(reply, 4, reply.length));
    }

    @Test
    void anUnfinishedLineHasNoEnd() {
        byte[] unfinished = Framing.LINE.unfinishedRequest(200);

        assertEquals(200, unfinished.length);
        for (byte b : unfinished) {
            assertTrue(b != '\n' && b != '\r');
        }
    }

    @Test
    void anUnfinishedLengthPrefixedRequestPromisesMoreThanItHas() {
        byte[] unfinished = Framing.LENGTH_PREFIXED.unfinishedRequest(200);

        assertEquals(200, unfinished.length);
        assertTrue(ByteBuffer.wrap(unfinished).getInt() > unfinished.length - Integer.BYTES);
    }

    @Test
    void anUnfinishedRawRequestIsACharacterCutShort() {
        byte[] unfinished = Framing.RAW.unfinishedRequest(200);

        assertFalse(decodes(unfinished));
        assertTrue(decodes(ByteBuffer.allocate(4).put(unfinished).put((byte) 0x80).array()), "one byte short of a character");
    }

    private static boolean decodes(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
