package dev.switchboard.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.testkit.FrameCodecContract.Decoded;
import dev.switchboard.testkit.FrameCodecContract.Frame;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.ToIntBiFunction;
import org.junit.jupiter.api.Test;

/** The feed behind FrameCodecContract: decodes as a transport does, and catches a codec that breaks the contract. */
class FrameFeedTest {

    /** Frames end with '!'; a codec that keeps to the contract. */
    private static final FrameCodec BANG = codec((in, searchFrom) -> {
        for (int i = searchFrom; i < in.limit(); i++) {
            if (in.get(i) == '!') {
                in.limit(i);
                return i + 1;
            }
        }
        return FrameCodec.NEED_MORE;
    });

    @Test
    void decodesWhatACorrectCodecFramesWhereverTheReadsEnd() {
        Decoded expected = FrameFeed.decode(BANG, false, bytes("ab!!c!d"));

        assertEquals(List.of(new Frame("ab", "!"), new Frame("", "!"), new Frame("c", "!")), expected.frames());
        assertEquals(1, expected.mostHeldWhenNeedingMore(), "the unterminated d");
        assertEquals(3, expected.largestFrame());
        assertEquals(expected.frames(), FrameFeed.decode(BANG, true, bytes("ab!!c!d"), 1, 4).frames());
        assertEquals(expected.frames(), FrameFeed.decodeByteByByte(BANG, false, bytes("ab!!c!d")).frames());
    }

    @Test
    void passesTheFirstUnseenByteAsSearchFrom() {
        StringBuilder seen = new StringBuilder();
        FrameFeed.decode(codec((in, searchFrom) -> {
            seen.append(searchFrom - in.position()).append(' ');
            return BANG.decode(in, searchFrom);
        }), false, bytes("abc!de!"), 2, 5);

        assertEquals("0 2 0 1 ", seen.toString(), "each call after NEED_MORE resumes at the new bytes");
    }

    @Test
    void failsACodecThatThrows() {
        assertFails("threw", (in, searchFrom) -> {
            throw new IndexOutOfBoundsException("oops");
        });
    }

    @Test
    void failsACodecThatWritesToTheBuffer() {
        assertFails("wrote to the buffer", (in, searchFrom) -> {
            in.put(in.position(), (byte) 'X');
            return FrameCodec.NEED_MORE;
        });
    }

    @Test
    void failsAnUndocumentedResult() {
        assertFails("not a documented result", (in, searchFrom) -> -7);
    }

    @Test
    void failsAnEmptyFrame() {
        assertFails("empty frame", (in, searchFrom) -> {
            in.limit(in.position());
            return in.position();
        });
    }

    @Test
    void failsAFrameEndingBeyondTheBytesGiven() {
        assertFails("must lie in", (in, searchFrom) -> in.limit() + 1);
    }

    @Test
    void failsARefusalThatMovesTheBuffer() {
        assertFails("moved the buffer", (in, searchFrom) -> {
            in.position(in.position() + 1);
            return FrameCodec.MALFORMED;
        });
    }

    private static void assertFails(String what, ToIntBiFunction<ByteBuffer, Integer> decode) {
        AssertionError failure = assertThrows(AssertionError.class,
                () -> FrameFeed.decode(codec(decode), false, bytes("ab!")));
        assertTrue(failure.getMessage().contains(what) && failure.getMessage().contains("\"ab!\""), failure.getMessage());
    }

    private static FrameCodec codec(ToIntBiFunction<ByteBuffer, Integer> decode) {
        return new FrameCodec() {
            @Override
            public int decode(ByteBuffer in, int searchFrom) {
                return decode.applyAsInt(in, searchFrom);
            }

            @Override
            public int decodeLast(ByteBuffer in) {
                return NEED_MORE;
            }

            @Override
            public int maxFrameBytes() {
                return 16;
            }
        };
    }

    private static byte[] bytes(String latin1) {
        return latin1.getBytes(ISO_8859_1);
    }
}
