package dev.switchboard.service.uppercase;

import java.nio.ByteBuffer;

/** Encodes single code points as UTF-8. */
final class Utf8 {

    private Utf8() {}

    /** @return how many bytes UTF-8 takes for {@code codePoint} */
    static int length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /** Puts {@code codePoint}, which must not be a surrogate, at the buffer's position. */
    static void put(ByteBuffer out, int codePoint) {
        if (codePoint < 0x80) {
            out.put((byte) codePoint);
        } else if (codePoint < 0x800) {
            out.put((byte) (0xC0 | codePoint >>> 6))
                    .put(continuation(codePoint));
        } else if (codePoint < 0x10000) {
            out.put((byte) (0xE0 | codePoint >>> 12))
                    .put(continuation(codePoint >>> 6))
                    .put(continuation(codePoint));
        } else {
            out.put((byte) (0xF0 | codePoint >>> 18))
                    .put(continuation(codePoint >>> 12))
                    .put(continuation(codePoint >>> 6))
                    .put(continuation(codePoint));
        }
    }

    /** @return {@code 10xxxxxx} with the low six bits of {@code bits} */
    private static byte continuation(int bits) {
        return (byte) (0x80 | bits & 0x3F);
    }
}
