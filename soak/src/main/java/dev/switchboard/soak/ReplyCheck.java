package dev.switchboard.soak;

import java.util.Locale;
import java.util.Optional;

/** Compares a reply with the one expected, byte for byte, and says where they part. */
final class ReplyCheck {

    private ReplyCheck() {}

    /**
     * @param expected the reply the request must get
     * @param actual the bytes that came back
     * @return empty if they are the same bytes, else what differs: the first differing offset and
     *     bytes, or the lengths
     */
    static Optional<String> mismatch(byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                return Optional.of(String.format(Locale.ROOT, "byte %d of %d differs: expected %s, got %s",
                        i, expected.length, describe(expected[i]), describe(actual[i])));
            }
        }
        if (expected.length != actual.length) {
            return Optional.of(String.format(Locale.ROOT, "%d bytes where %d were expected, the first %d as expected",
                    actual.length, expected.length, common));
        }
        return Optional.empty();
    }

    /** {@code 0x41 'A'}, or {@code 0x0a} for a byte that is not printable ASCII */
    private static String describe(byte b) {
        int value = b & 0xFF;
        String hex = String.format(Locale.ROOT, "0x%02x", value);
        return value >= 0x20 && value < 0x7F ? hex + " '" + (char) value + "'" : hex;
    }
}
