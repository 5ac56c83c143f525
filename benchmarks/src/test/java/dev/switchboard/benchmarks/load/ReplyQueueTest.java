package dev.switchboard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class ReplyQueueTest {

    private final Payload payload = new Payload(40, true);

    private Exchange send(ReplyQueue queue, long sequence) {
        Exchange exchange = queue.next();
        payload.stamp(exchange, 7, sequence);
        queue.add();
        return exchange;
    }

    @Test
    void completesAReplyHoweverItsBytesAreCut() {
        for (int cut = 1; cut < payload.size(); cut++) {
            ReplyQueue queue = new ReplyQueue("test", 1, payload);
            Exchange sent = send(queue, cut);
            ByteBuffer reply = ByteBuffer.wrap(sent.reply.clone());
            assertNull(queue.receive(reply.limit(cut)));
            assertSame(sent, queue.receive(reply.limit(payload.size())));
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void completesPipelinedRepliesOldestFirst() {
        ReplyQueue queue = new ReplyQueue("test", 3, payload);
        Exchange first = send(queue, 1);
        Exchange second = send(queue, 2);
        assertTrue(queue.hasRoom());
        ByteBuffer both = ByteBuffer.allocate(2 * payload.size()).put(first.reply.clone()).put(second.reply.clone()).flip();
        assertSame(first, queue.receive(both));
        assertSame(second, queue.receive(both));
        assertFalse(both.hasRemaining());
        assertTrue(queue.isEmpty());
    }

    @Test
    void failsNamingTheFirstWrongByteAndTheRequest() {
        ReplyQueue queue = new ReplyQueue("tcp connection 7", 1, payload);
        Exchange sent = send(queue, 5);
        byte[] wrong = sent.reply.clone();
        wrong[30] = (byte) (wrong[30] ^ 0x20);
        LoadFailure failure = assertThrows(LoadFailure.class, () -> queue.receive(ByteBuffer.wrap(wrong)));
        assertTrue(failure.getMessage().contains("tcp connection 7"), failure.getMessage());
        assertTrue(failure.getMessage().contains("request #5"), failure.getMessage());
        assertTrue(failure.getMessage().contains("byte 30"), failure.getMessage());
    }

    @Test
    void failsOnAWrongByteInALaterPieceOfTheReply() {
        ReplyQueue queue = new ReplyQueue("test", 1, payload);
        Exchange sent = send(queue, 5);
        byte[] wrong = sent.reply.clone();
        wrong[payload.size() - 1] = ' '; // the line's terminator
        ByteBuffer reply = ByteBuffer.wrap(wrong);
        assertNull(queue.receive(reply.limit(20)));
        LoadFailure failure = assertThrows(LoadFailure.class, () -> queue.receive(reply.limit(payload.size())));
        assertTrue(failure.getMessage().contains("byte " + (payload.size() - 1)), failure.getMessage());
    }

    @Test
    void failsOnBytesWhenNoReplyIsAwaited() {
        ReplyQueue queue = new ReplyQueue("test", 1, payload);
        assertThrows(LoadFailure.class, () -> queue.receive(ByteBuffer.wrap(new byte[] {'X'})));
    }

    @Test
    void consumesNothingFromAnEmptyBuffer() {
        ReplyQueue queue = new ReplyQueue("test", 1, payload);
        send(queue, 1);
        assertNull(queue.receive(ByteBuffer.allocate(0)));
        assertFalse(queue.isEmpty());
    }
}
