package dev.switchboard.service.uppercase;

/** Encodes single code points as UTF-8. */
final class Utf8 {

    private Utf8() {}

    /**
     * Puts {@code codePoint}, which must not be a surrogate, into {@code out} at {@code at}.
     *
     * @return the index after the code point's last byte
     */
    static int put(byte[] out, int at, int codePoint) {
        if (codePoint < 0x80) {
            out[at] = (byte) codePoint;
            return at + 1;
        }
        if (codePoint < 0x800) {
            out[at] = (byte) (0xC0 | codePoint >>> 6);
            out[at + 1] = continuation(codePoint);
            return at + 2;
        }
        if (codePoint < 0x10000) {
            out[at] = (byte) (0xE0 | codePoint >>> 12);
            out[at + 1] = continuation(codePoint >>> 6);
            out[at + 2] = continuation(codePoint);
            return at + 3;
        }
        out[at] = (byte) (0xF0 | codePoint >>> 18);
        out[at + 1] = continuation(codePoint >>> 12);
        out[at + 2] = continuation(codePoint >>> 6);
        out[at + 3] = continuation(codePoint);
        return at + 4;
    }

    /** @return {@code 10xxxxxx} with the low six bits of {@code bits} */
    private static byte continuation(int bits) {
        return (byte) (0x80 | bits & 0x3F);
    }
}
