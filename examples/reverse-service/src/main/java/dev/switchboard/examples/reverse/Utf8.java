package dev.switchboard.examples.reverse;

import java.nio.ByteBuffer;

/** Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF). */
final class Utf8 {

    private Utf8() {}

    /** @return whether {@code b} is a continuation byte, {@code 10xxxxxx} */
    static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    /** @return whether the bytes from {@code start} to {@code end} are well-formed UTF-8 */
    static boolean isValid(ByteBuffer bytes, int start, int end) {
        int i = start;
        while (i < end) {
            int lead = bytes.get(i) & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (lead < 0xC2 || lead > 0xF4 || i + length > end) {
                return false;
            }
            // RFC 3629's table: the second byte's range depends on the lead byte.
            int second = bytes.get(i + 1) & 0xFF;
            int low = lead == 0xE0 ? 0xA0 : lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xED ? 0x9F : lead == 0xF4 ? 0x8F : 0xBF;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k < length; k++) {
                if (!isContinuation(bytes.get(i + k))) {
                    return false;
                }
            }
            i += length;
        }
        return true;
    }
}
