package dev.switchboard.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReplyTest {

    static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    @Test
    void isAbsentUntilWrittenTo() {
        Reply reply = Reply.allocate(100);
        assertFalse(reply.isPresent());
        reply.write(new byte[0]);
        assertTrue(reply.isPresent());
        assertEquals(0, reply.size());
    }

    @Test
    void appendsWritesInOrder() {
        Reply reply = Reply.allocateDirect(100);
        reply.write("hé").write(new byte[] {'!'}).write(ByteBuffer.wrap("?".getBytes(UTF_8)));
        assertArrayEquals("hé!?".getBytes(UTF_8), bytesOf(reply.content()));
    }

    @Test
    void growsPastItsInitialCapacityUpToItsMaximum() {
        Reply reply = Reply.allocate(70_000);
        byte[] big = new byte[70_000];
        big[69_999] = 42;
        reply.write(big);
        assertEquals(70_000, reply.size());
        assertArrayEquals(big, bytesOf(reply.content()));
    }

    @Test
    void refusesToExceedItsMaximum() {
        Reply reply = Reply.allocate(10);
        reply.write(new byte[6]);
        ReplyTooLargeException e = assertThrows(ReplyTooLargeException.class, () -> reply.write(new byte[5]));
        assertEquals(11, e.attemptedBytes());
        assertEquals(10, e.maxBytes());
    }

    @Test
    void clearForgetsTheContentAndThePresence() {
        Reply reply = Reply.allocate(10);
        reply.write("abc");
        reply.clear();
        assertFalse(reply.isPresent());
        assertEquals(0, reply.content().remaining());
    }

    @Test
    void headroomPrecedesTheContentInTheFrameButNotInTheContent() {
        Reply reply = Reply.allocateDirect(5);
        reply.clear(4);
        reply.write("hello");
        ByteBuffer frame = reply.frame();
        frame.putInt(0, reply.size());
        assertEquals(9, frame.remaining());
        assertEquals(5, frame.getInt(0));
        assertArrayEquals("hello".getBytes(UTF_8), bytesOf(reply.content()));
    }

    @Test
    void headroomSurvivesGrowth() {
        Reply reply = Reply.allocate(10_000);
        reply.clear(4);
        reply.write(new byte[9_000]);
        assertEquals(9_004, reply.frame().remaining());
        assertEquals(9_000, reply.content().remaining());
    }

    @Test
    void bufferIsPositionedAfterWhatWasWritten() {
        Reply reply = Reply.allocate(10);
        reply.write("ab");
        reply.buffer(1).put((byte) 'c');
        assertArrayEquals("abc".getBytes(UTF_8), bytesOf(reply.content()));
    }

    @Test
    void aTrailerFollowsTheContentInTheFrameButNotInTheContentOrSize() {
        Reply reply = Reply.allocate(5);
        reply.clear(0, 2);
        reply.write("hello").appendTrailer(new byte[] {'\r', '\n'}, 0, 2);
        assertEquals(5, reply.size());
        assertArrayEquals("hello".getBytes(UTF_8), bytesOf(reply.content()));
        assertArrayEquals("hello\r\n".getBytes(UTF_8), bytesOf(reply.frame()));
    }

    @Test
    void aTrailerMayFollowAReplyOfExactlyTheMaximum() {
        Reply reply = Reply.allocate(4096 + 1);
        reply.clear(4, 2);
        reply.write(new byte[4096 + 1]).appendTrailer(new byte[] {'\n'}, 0, 1);
        assertEquals(4 + 4096 + 1 + 1, reply.frame().remaining());
    }

    @Test
    void refusesATrailerBeyondItsTailroom() {
        Reply reply = Reply.allocate(10);
        reply.clear(0, 1);
        reply.write("a").appendTrailer(new byte[] {'\n'}, 0, 1);
        assertThrows(IllegalStateException.class, () -> reply.appendTrailer(new byte[] {'\n'}, 0, 1));
    }

    @Test
    void takesNoContentAfterItsTrailer() {
        Reply reply = Reply.allocate(10);
        reply.clear(0, 1);
        reply.write("a").appendTrailer(new byte[] {'\n'}, 0, 1);
        assertThrows(IllegalStateException.class, () -> reply.write("b"));
    }

    @Test
    void aShorterHeaderTakesTheEndOfTheHeadroom() {
        Reply reply = Reply.allocate(100);
        reply.clear(8);
        reply.write("abc");
        ByteBuffer frame = reply.frame(2);
        frame.put(frame.position(), (byte) '3').put(frame.position() + 1, (byte) ':');
        assertArrayEquals("3:abc".getBytes(UTF_8), bytesOf(frame));
    }

    @Test
    void refusesAHeaderLargerThanTheHeadroom() {
        Reply reply = Reply.allocate(100);
        reply.clear(2);
        assertThrows(IllegalArgumentException.class, () -> reply.frame(3));
    }

    @Test
    void clearForgetsTheTrailer() {
        Reply reply = Reply.allocate(10);
        reply.clear(0, 1);
        reply.write("a").appendTrailer(new byte[] {'\n'}, 0, 1);
        reply.clear(0, 1);
        reply.write("bc");
        assertEquals(2, reply.size());
        assertArrayEquals("bc".getBytes(UTF_8), bytesOf(reply.frame()));
    }
}
