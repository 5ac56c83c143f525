package dev.switchboard.service.uppercase;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.api.Reply;
import dev.switchboard.api.ReplyTooLargeException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;

/**
 * Upper-cases UTF-8 text with full Unicode case mapping, as {@code String.toUpperCase(Locale.ROOT)}
 * does but in linear time (see {@link SpecialCasing}), for one thread: it keeps its strict decoder
 * and its character buffer from one request to the next, and so allocates nothing once warm.
 */
final class UnicodeCase {

    /** Larger buffers serve one request and are then left to the garbage collector. */
    private static final int RETAINED_CHARS = 64 * 1024;

    private final CharsetDecoder decoder = UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private CharBuffer chars = CharBuffer.allocate(1024);

    /**
     * Appends the upper case of {@code utf8} to {@code reply}, if it is well-formed UTF-8.
     *
     * @param utf8 the text's bytes, between position and limit; consumed
     * @param reply where to append the text's upper case, encoded as UTF-8
     * @return {@code false}, having written nothing, if the bytes are not well-formed UTF-8
     *     (malformed, overlong, encoded surrogates, above U+10FFFF or truncated)
     * @throws ReplyTooLargeException if the upper case does not fit in the reply
     */
    boolean upperCase(ByteBuffer utf8, Reply reply) {
        // UTF-8 never has fewer bytes than UTF-16 has chars, so the text cannot overflow this.
        CharBuffer text = charsFor(utf8.remaining());
        decoder.reset();
        if (decoder.decode(utf8, text, true).isError() || decoder.flush(text).isError()) {
            return false;
        }
        char[] decoded = text.array();
        int length = text.position();
        long bytes = upperCaseLength(decoded, length);
        if (bytes > reply.maxBytes() - reply.size()) {
            throw new ReplyTooLargeException(reply.size() + bytes, reply.maxBytes());
        }
        putUpperCase(decoded, length, reply.buffer((int) bytes));
        return true;
    }

    /** @return how many bytes the upper case of the text takes in UTF-8 */
    private static long upperCaseLength(char[] text, int length) {
        long bytes = 0;
        for (int i = 0; i < length; ) {
            int codePoint = Character.codePointAt(text, i, length);
            i += Character.charCount(codePoint);
            int[] special = SpecialCasing.upperCase(codePoint);
            if (special == null) {
                bytes += Utf8.length(Character.toUpperCase(codePoint));
            } else {
                for (int upper : special) {
                    bytes += Utf8.length(upper);
                }
            }
        }
        return bytes;
    }

    private static void putUpperCase(char[] text, int length, ByteBuffer out) {
        for (int i = 0; i < length; ) {
            int codePoint = Character.codePointAt(text, i, length);
            i += Character.charCount(codePoint);
            int[] special = SpecialCasing.upperCase(codePoint);
            if (special == null) {
                Utf8.put(out, Character.toUpperCase(codePoint));
            } else {
                for (int upper : special) {
                    Utf8.put(out, upper);
                }
            }
        }
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
