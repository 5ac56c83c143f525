package dev.switchboard.benchmarks.netty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AsciiUpperCaseTest {

    private static byte[] expected(byte[] bytes) {
        byte[] upper = bytes.clone();
        for (int i = 0; i < upper.length; i++) {
            if (upper[i] >= 'a' && upper[i] <= 'z') {
                upper[i] -= 32;
            }
        }
        return upper;
    }

    private static byte[] raised(byte[] bytes, boolean direct, int readerIndex) {
        ByteBuf buf = direct ? Unpooled.directBuffer(bytes.length + readerIndex) : Unpooled.buffer(bytes.length + readerIndex);
        try {
            buf.writerIndex(readerIndex).readerIndex(readerIndex);
            buf.writeBytes(bytes);
            AsciiUpperCase.raise(buf);
            byte[] out = new byte[bytes.length];
            buf.getBytes(readerIndex, out);
            return out;
        } finally {
            buf.release();
        }
    }

    @Test
    void raisesOnlyAsciiLowercaseLettersAmongAllByteValues() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        for (int offset = 0; offset < 8; offset++) {
            assertArrayEquals(expected(all), raised(all, true, offset), "reader index " + offset);
            assertArrayEquals(expected(all), raised(all, false, offset), "heap, reader index " + offset);
        }
    }

    @Test
    void leavesTheBytesAroundTheReadableRangeAlone() {
        ByteBuf buf = Unpooled.copiedBuffer("abcdefghijklmnop", StandardCharsets.US_ASCII);
        buf.readerIndex(3).writerIndex(13);
        AsciiUpperCase.raise(buf);
        assertEquals("abcDEFGHIJKLMnop", buf.toString(0, 16, StandardCharsets.US_ASCII));
        buf.release();
    }

    @Test
    void marksEachLowercaseByteOfAWord() {
        long word = 0x61_7A_41_5A_60_7B_E1_20L; // a z A Z ` { 0xE1 space
        assertEquals(0x80_80_00_00_00_00_00_00L, AsciiUpperCase.lowercaseBits(word));
    }

    @Test
    void raisesUtf8TextsAsciiLettersOnly() {
        byte[] text = "héllo wörld ß".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(expected(text), raised(text, true, 0));
    }
}
