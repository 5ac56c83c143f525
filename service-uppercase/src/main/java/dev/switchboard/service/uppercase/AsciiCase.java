package dev.switchboard.service.uppercase;

import java.nio.ByteBuffer;

/**
 * Raises ASCII a–z to A–Z, eight bytes at a time: each {@code long} read from the request is
 * upper-cased with a few branch-free operations (SWAR, SIMD within a register) and written to the
 * reply, and only the last few bytes go one by one. Every other byte is copied unchanged. Nothing is
 * decoded or allocated.
 *
 * <p>All methods use absolute indices: neither buffer's position, limit or bytes outside the given
 * ranges change, and the source's bytes are only read. Heap and direct buffers of either byte order
 * work.
 */
final class AsciiCase {

    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final int CASE_BIT = 'a' - 'A';

    private AsciiCase() {}

    /**
     * Copies bytes {@code from} to {@code to} of {@code source} into {@code target} at {@code at}, with
     * a–z raised.
     *
     * @param target a buffer with room for {@code to - from} bytes at {@code at}
     */
    static void raise(ByteBuffer source, int from, int to, ByteBuffer target, int at) {
        boolean swap = source.order() != target.order();
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES, at += Long.BYTES) {
            target.putLong(at, swapped(raise(source.getLong(i)), swap));
        }
        for (; i < to; i++, at++) {
            target.put(at, raise(source.get(i)));
        }
    }

    /**
     * Like {@link #raise(ByteBuffer, int, int, ByteBuffer, int)}, but stops at the first byte that is
     * not ASCII.
     *
     * @param target a buffer with room for {@code to - from} bytes at {@code at}
     * @return how many bytes were copied: the length of the ASCII prefix
     */
    static int raiseAsciiPrefix(ByteBuffer source, int from, int to, ByteBuffer target, int at) {
        boolean swap = source.order() != target.order();
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = source.getLong(i);
            if ((word & HIGH_BITS) != 0) {
                break;
            }
            target.putLong(at + (i - from), swapped(raise(word), swap));
        }
        for (; i < to; i++) {
            byte b = source.get(i);
            if (b < 0) {
                break;
            }
            target.put(at + (i - from), raise(b));
        }
        return i - from;
    }

    /**
     * Raises a–z in each of the eight bytes of {@code word}. Every byte is handled on its own (no
     * carry crosses into its neighbour), so the byte order the word was read in does not matter.
     *
     * @return the word with each byte from {@code 'a'} to {@code 'z'} lowered by {@code 0x20}
     */
    static long raise(long word) {
        // Adding to the low seven bits of a byte cannot carry out of it, but sets its high bit
        // exactly when the sum reaches 0x80: here, when the byte's low seven bits are >= 'a' or > 'z'.
        long low7 = word & ~HIGH_BITS;
        long atLeastA = low7 + (0x80 - 'a') * ONES;
        long aboveZ = low7 + (0x80 - 'z' - 1) * ONES;
        // The high bit of each byte in a..z; ~word leaves out bytes >= 0x80 whose low bits look like a..z.
        long lower = atLeastA & ~aboveZ & ~word & HIGH_BITS;
        // 0x80 >>> 2 == 0x20; no borrow, as every byte marked has its 0x20 bit set.
        return word - (lower >>> 2);
    }

    /** @return {@code b} raised if it is from {@code 'a'} to {@code 'z'}, else {@code b} */
    static byte raise(byte b) {
        return b >= 'a' && b <= 'z' ? (byte) (b - CASE_BIT) : b;
    }

    private static long swapped(long word, boolean swap) {
        return swap ? Long.reverseBytes(word) : word;
    }
}
