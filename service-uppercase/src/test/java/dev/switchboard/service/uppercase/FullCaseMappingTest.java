package dev.switchboard.service.uppercase;

import static dev.switchboard.service.uppercase.Uppercasing.handle;
import static dev.switchboard.service.uppercase.Uppercasing.upperCased;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The unicode mode's case mapping against {@code String.toUpperCase(Locale.ROOT)}, the reference. */
class FullCaseMappingTest {

    private static final MessageService UNICODE = Uppercasing.service("");

    @Test
    void upperCasesEveryCodePointAsStringToUpperCaseDoes() throws Exception {
        Reply reply = Reply.allocate(1 << 16);
        StringBuilder text = new StringBuilder();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
            }
            if (text.length() >= 1024 || codePoint == Character.MAX_CODE_POINT) {
                String request = text.toString();
                reply.clear();
                byte[] upperCase = handle(UNICODE, ByteBuffer.wrap(request.getBytes(UTF_8)), reply);
                assertArrayEquals(upperCased(request), upperCase,
                        () -> "code points from U+" + Integer.toHexString(request.codePointAt(0))
                                + " on (is a character with a special upper case missing from SpecialCasing.BLOCKS?)");
                text.setLength(0);
            }
        }
    }

    @Test
    void noUpperCaseIsMoreThanThreeTimesAsLongAsItsCharacter() {
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                String character = Character.toString(codePoint);
                int bytes = character.getBytes(UTF_8).length;
                int upperCaseBytes = upperCased(character).length;
                assertTrue(upperCaseBytes <= 3 * bytes,
                        () -> character + ": " + bytes + " bytes, upper case " + upperCaseBytes);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"ß, SS", "ΐ, \u0399\u0308\u0301", "ﬃ, FFI", "ᾳ, ΑΙ"})
    void upperCases64KiBOfCharactersThatExpand(String character, String upperCase) throws Exception {
        // String.toUpperCase copies its result once per expanding character: too slow to be the reference here.
        int count = 64 * 1024 / character.getBytes(UTF_8).length;
        byte[] request = character.repeat(count).getBytes(UTF_8);
        assertArrayEquals(upperCase.repeat(count).getBytes(UTF_8), handle(UNICODE, request, false));
    }
}
