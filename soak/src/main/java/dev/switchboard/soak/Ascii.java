package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.US_ASCII;

/** The ASCII text the soak sends and its upper case, as the uppercase service must answer it. */
final class Ascii {

    private static final byte[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ,.;:-_!?()[]{}<>=+*/@#$%&'\"ABCXYZ".getBytes(US_ASCII);

    private Ascii() {}

    /**
     * @param seed picks the text; the same seed gives the same text
     * @param length how many bytes
     * @return printable ASCII, never CR or LF
     */
    static byte[] text(long seed, int length) {
        byte[] text = new byte[length];
        long state = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < length; i++) {
            state ^= state << 13;
            state ^= state >>> 7;
            state ^= state << 17;
            text[i] = ALPHABET[(int) Long.remainderUnsigned(state, ALPHABET.length)];
        }
        return text;
    }

    /**
     * @param label what the request says first, such as {@code "tcp-line 2 #17 "}: ASCII
     * @param seed picks the text after the label
     * @param length how many bytes of text follow the label
     * @return the label then text from {@link #text}
     */
    static byte[] request(String label, long seed, int length) {
        byte[] head = label.getBytes(US_ASCII);
        byte[] body = text(seed, length);
        byte[] request = new byte[head.length + length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, length);
        return request;
    }

    /** @return a copy with a-z raised to A-Z and every other byte as it was */
    static byte[] upperCase(byte[] ascii) {
        byte[] upper = ascii.clone();
        for (int i = 0; i < upper.length; i++) {
            if (upper[i] >= 'a' && upper[i] <= 'z') {
                upper[i] -= 'a' - 'A';
            }
        }
        return upper;
    }
}
