package dev.switchboard.service.uppercase;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * Upper-cases UTF-8 text with full Unicode case mapping, for one thread: it keeps its strict decoder
 * and its character buffer from one request to the next.
 */
final class UnicodeCase {

    /** Larger buffers serve one request and are then left to the garbage collector. */
    private static final int RETAINED_CHARS = 64 * 1024;

    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);

    /**
     * @param utf8 the text's bytes, between position and limit; consumed
     * @return the text in upper case ({@link String#toUpperCase(Locale)} with {@link Locale#ROOT}),
     *     or {@code null} if the bytes are not well-formed UTF-8 (malformed, overlong, encoded
     *     surrogates, above U+10FFFF or truncated)
     */
    String upperCase(ByteBuffer utf8) {
        // UTF-8 never has fewer bytes than UTF-16 has chars, so the text cannot overflow this.
        CharBuffer text = charsFor(utf8.remaining());
        decoder.reset();
        if (decoder.decode(utf8, text, true).isError() || decoder.flush(text).isError()) {
            return null;
        }
        return text.flip().toString().toUpperCase(Locale.ROOT);
    }

    private CharBuffer charsFor(int capacity) {
        if (capacity <= chars.capacity()) {
            return chars.clear();
        }
        CharBuffer larger = CharBuffer.allocate(capacity);
        if (capacity <= RETAINED_CHARS) {
            chars = larger;
        }
        return larger;
    }
}
