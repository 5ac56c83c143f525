package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplyCheckTest {

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    @Test
    void theSameBytesMatch() {
        assertEquals(Optional.empty(), ReplyCheck.mismatch(ascii("HELLO\n"), ascii("HELLO\n")));
    }

    @Test
    void namesTheFirstDifferingByteAndBothValues() {
        assertEquals(Optional.of("byte 1 of 5 differs: expected 0x45 'E', got 0x65 'e'"),
                ReplyCheck.mismatch(ascii("HELLO"), ascii("HeLlO")));
    }

    @Test
    void showsBytesThatAreNotPrintableInHexOnly() {
        assertEquals(Optional.of("byte 5 of 6 differs: expected 0x0a, got 0x0d"),
                ReplyCheck.mismatch(ascii("HELLO\n"), ascii("HELLO\r")));
    }

    @Test
    void aShortReplyIsAMismatchEvenIfWhatCameIsRight() {
        assertEquals(Optional.of("3 bytes where 5 were expected, the first 3 as expected"),
                ReplyCheck.mismatch(ascii("HELLO"), ascii("HEL")));
    }

    @Test
    void aLongReplyIsAMismatchEvenIfItStartsRight() {
        assertEquals(Optional.of("6 bytes where 5 were expected, the first 5 as expected"),
                ReplyCheck.mismatch(ascii("HELLO"), ascii("HELLOS")));
    }
}
