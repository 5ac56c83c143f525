package dev.switchboard.service.uppercase;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiCaseTest {

    /** The word raised one byte at a time, the obvious way. */
    private static long raisedByteByByte(long word) {
        long raised = 0;
        for (int shift = 0; shift < Long.SIZE; shift += Byte.SIZE) {
            byte b = AsciiCase.raise((byte) (word >>> shift));
            raised |= (b & 0xFFL) << shift;
        }
        return raised;
    }

    @Test
    void raisesExactlyTheAsciiLowerCaseLetters() {
        for (int value = 0; value < 256; value++) {
            byte expected = value >= 'a' && value <= 'z' ? (byte) (value - 0x20) : (byte) value;
            assertEquals(expected, AsciiCase.raise((byte) value), "byte " + value);
        }
    }

    @Test
    void raisesEveryByteValueInEveryLaneOfAWord() {
        long[] neighbours = {0L, 0x6161_6161_6161_6161L, 0x7A7A_7A7A_7A7A_7A7AL, -1L, 0x8080_8080_8080_8080L,
            0xE1E1_E1E1_E1E1_E1E1L};
        for (long fill : neighbours) {
            for (int lane = 0; lane < Long.BYTES; lane++) {
                int shift = lane * Byte.SIZE;
                for (long value = 0; value < 256; value++) {
                    long word = (fill & ~(0xFFL << shift)) | (value << shift);
                    assertEquals(raisedByteByByte(word), AsciiCase.raise(word),
                            () -> "word " + Long.toHexString(word));
                }
            }
        }
    }

    @Test
    void raisesRandomWordsAsByteByByte() {
        Random random = new Random(12000);
        for (int i = 0; i < 100_000; i++) {
            long word = random.nextLong();
            assertEquals(raisedByteByByte(word), AsciiCase.raise(word), () -> "word " + Long.toHexString(word));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 23, 24, 25, 40})
    void raiseCopiesEveryByteWithLettersRaised(int length) {
        byte[] source = letters(length);
        if (length > 0) {
            source[length / 2] = (byte) 0xE9;
        }
        ByteBuffer target = ByteBuffer.allocate(length);
        AsciiCase.raise(ByteBuffer.wrap(source), 0, length, target, 0);
        assertArrayEquals(Uppercasing.onlyAsciiRaised(source), target.array());
    }

    @Test
    void raiseTouchesOnlyTheGivenRanges() {
        ByteBuffer source = ByteBuffer.wrap("xxhello, world of switchboardxx".getBytes());
        ByteBuffer target = ByteBuffer.wrap(new byte[40]);
        Arrays.fill(target.array(), (byte) '.');
        AsciiCase.raise(source, 2, source.capacity() - 2, target, 5);
        assertEquals(".....HELLO, WORLD OF SWITCHBOARD........", new String(target.array()));
        assertEquals("xxhello, world of switchboardxx", new String(source.array()));
        assertEquals(0, source.position());
        assertEquals(0, target.position());
    }

    @Test
    void raiseCopiesBetweenBuffersOfOppositeByteOrder() {
        ByteBuffer source = ByteBuffer.wrap("abcdefghijklmnopq".getBytes()).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer target = ByteBuffer.allocateDirect(17).order(ByteOrder.BIG_ENDIAN);
        AsciiCase.raise(source, 0, 17, target, 0);
        byte[] raised = new byte[17];
        target.get(raised);
        assertEquals("ABCDEFGHIJKLMNOPQ", new String(raised));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 7, 8, 9, 16, 17, 33})
    void raiseAsciiPrefixStopsAtTheFirstNonAsciiByte(int length) {
        for (int position = 0; position < length; position++) {
            byte[] source = letters(length);
            source[position] = (byte) 0xC3;
            ByteBuffer target = ByteBuffer.allocate(length);
            int copied = AsciiCase.raiseAsciiPrefix(ByteBuffer.wrap(source), 0, length, target, 0);
            assertEquals(position, copied);
            byte[] expected = new byte[length];
            System.arraycopy(Uppercasing.onlyAsciiRaised(source), 0, expected, 0, position);
            assertArrayEquals(expected, target.array(), "non-ASCII at " + position);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 16, 17, 33})
    void raiseAsciiPrefixCopiesAllOfAnAsciiRange(int length) {
        byte[] source = letters(length);
        ByteBuffer target = ByteBuffer.allocate(length);
        assertEquals(length, AsciiCase.raiseAsciiPrefix(ByteBuffer.wrap(source), 0, length, target, 0));
        assertArrayEquals(Uppercasing.onlyAsciiRaised(source), target.array());
    }

    /** @return {@code length} bytes cycling through a–z and a few other ASCII characters */
    private static byte[] letters(int length) {
        byte[] letters = new byte[length];
        String alphabet = "abcdefghijklmnopqrstuvwxyz@[`{ AZ09";
        for (int i = 0; i < length; i++) {
            letters[i] = (byte) alphabet.charAt(i % alphabet.length());
        }
        return letters;
    }
}
