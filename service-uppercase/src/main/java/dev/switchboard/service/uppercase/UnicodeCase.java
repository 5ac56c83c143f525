package dev.switchboard.service.uppercase;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Upper-cases UTF-8 text with full Unicode case mapping, as {@code String.toUpperCase(Locale.ROOT)}
 * does but in linear time (see {@link SpecialCasing}), for one thread: it keeps its strict decoder
 * and its buffers from one request to the next, and so allocates nothing once warm for requests of
 * up to 64 KiB.
 */
final class UnicodeCase {

    /**
     * No upper case is more than three times as long as its character in UTF-8 ("ΐ", two bytes,
     * becomes three code points of two bytes each); a test checks every code point.
     */
    private static final int MAX_GROWTH = 3;
    /** Larger requests get buffers of their own, which the garbage collector takes back. */
    private static final int RETAINED_BYTES = 64 * 1024;

    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer text;
    private byte[] upperCase;

    /** Creates buffers for requests of up to 1 KiB; they grow with larger requests, up to 64 KiB. */
    UnicodeCase() {
        this(1024);
    }

    private UnicodeCase(int capacity) {
        allocate(capacity);
    }

    /**
     * Appends the upper case of {@code utf8} to {@code reply}, if it is well-formed UTF-8.
     *
     * @param utf8 the text's bytes, between position and limit; consumed
     * @param reply where to append the text's upper case, encoded as UTF-8
     * @return {@code false}, having written nothing, if the bytes are not well-formed UTF-8
     *     (malformed, overlong, encoded surrogates, above U+10FFFF or truncated)
     * @throws dev.switchboard.api.ReplyTooLargeException if the upper case does not fit in the reply
     */
    boolean upperCase(ByteBuffer utf8, Reply reply) {
        int bytes = utf8.remaining();
        if (bytes > text.capacity()) {
            if (bytes > RETAINED_BYTES) {
                return new UnicodeCase(bytes).upperCase(utf8, reply);
            }
            allocate(Math.min(Math.max(bytes, 2 * text.capacity()), RETAINED_BYTES));
        }
        // UTF-8 never has fewer bytes than UTF-16 has chars, so the text cannot overflow.
        CharBuffer decoded = text.clear();
        decoder.reset();
        if (decoder.decode(utf8, decoded, true).isError() || decoder.flush(decoded).isError()) {
            return false;
        }
        int length = putUpperCase(decoded.array(), decoded.position(), upperCase);
        reply.buffer(length).put(upperCase, 0, length);
        return true;
    }

    /** @return how many bytes of {@code out} the upper case of {@code chars} takes */
    private static int putUpperCase(char[] chars, int length, byte[] out) {
        int at = 0;
        for (int i = 0; i < length; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[at++] = AsciiCase.raise((byte) c);
                continue;
            }
            int codePoint = c;
            if (Character.isHighSurrogate(c)) {
                // The decoder let only well-formed text through: a low surrogate follows.
                codePoint = Character.toCodePoint(c, chars[++i]);
            }
            int[] special = SpecialCasing.upperCase(codePoint);
            if (special == null) {
                at = Utf8.put(out, at, Character.toUpperCase(codePoint));
            } else {
                for (int upper : special) {
                    at = Utf8.put(out, at, upper);
                }
            }
        }
        return at;
    }

    /** Makes room for requests of up to {@code bytes}. */
    private void allocate(int bytes) {
        text = CharBuffer.allocate(bytes);
        upperCase = new byte[Math.multiplyExact(MAX_GROWTH, bytes)];
    }
}
