package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class AsciiTest {

    @Test
    void raisesOnlyLowerCaseLettersAsTheUppercaseServiceDoesForAscii() {
        byte[] text = Ascii.text(7, 10_000);

        assertArrayEquals(new String(text, US_ASCII).toUpperCase(Locale.ROOT).getBytes(US_ASCII), Ascii.upperCase(text));
    }

    @Test
    void textIsPrintableAsciiWithoutLineEnds() {
        for (byte b : Ascii.text(3, 10_000)) {
            assertTrue(b >= 0x20 && b < 0x7F, "byte " + b);
        }
    }

    @Test
    void aRequestIsItsLabelThenTextOfTheGivenLength() {
        byte[] request = Ascii.request("udp 1 #7 ", 7, 20);

        assertEquals(29, request.length);
        assertTrue(new String(request, US_ASCII).startsWith("udp 1 #7 "));
    }

    @Test
    void theSameSeedGivesTheSameText() {
        assertArrayEquals(Ascii.text(42, 100), Ascii.text(42, 100));
    }
}
