package dev.switchboard.benchmarks.netty;

import io.netty.buffer.ByteBuf;

/**
 * Raises ASCII a–z in place, eight bytes at a time, leaving every other byte unchanged: the same
 * bytes as Switchboard's ASCII path produces.
 */
final class AsciiUpperCase {

    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;
    /** Added to each 7-bit byte, sets its high bit iff the byte is at least 'a' (0x80 - 0x61). */
    private static final long FROM_A = 0x1F1F1F1F1F1F1F1FL;
    /** Added to each 7-bit byte, sets its high bit iff the byte is above 'z' (0x80 - 0x7B). */
    private static final long ABOVE_Z = 0x0505050505050505L;

    private AsciiUpperCase() {}

    /** Raises a–z between {@code buf}'s reader and writer indexes. */
    static void raise(ByteBuf buf) {
        int i = buf.readerIndex();
        int end = buf.writerIndex();
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = buf.getLong(i);
            long lowercase = lowercaseBits(word);
            if (lowercase != 0) {
                buf.setLong(i, word ^ (lowercase >>> 2)); // 0x80 >>> 2 = 0x20, the case bit
            }
        }
        for (; i < end; i++) {
            byte b = buf.getByte(i);
            if (b >= 'a' && b <= 'z') {
                buf.setByte(i, b - ('a' - 'A'));
            }
        }
    }

    /** @return 0x80 in each byte of {@code word} that is an ASCII lowercase letter, 0 in the others */
    static long lowercaseBits(long word) {
        long sevenBits = word & LOW_SEVEN_BITS;
        return (sevenBits + FROM_A) & ~(sevenBits + ABOVE_Z) & ~word & HIGH_BITS;
    }
}
