package dev.switchboard.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * The replies a TCP connection awaits, oldest first, checked byte for byte as their bytes stream
 * in, however the stream is cut. Each reply is exactly as long as its request, so no delimiter is
 * searched for: the terminator of a line is checked like any other byte.
 */
final class ReplyQueue {

    private final String lane;
    private final Exchange[] ring;
    private final int replyBytes;
    private int head;
    private int count;
    private int received;

    /**
     * @param lane names the connection in failure messages
     * @param depth the most requests outstanding at once
     */
    ReplyQueue(String lane, int depth, Payload payload) {
        this.lane = lane;
        this.ring = new Exchange[depth];
        for (int i = 0; i < depth; i++) {
            ring[i] = payload.newExchange();
        }
        this.replyBytes = payload.size();
    }

    /** @return whether another request may be sent */
    boolean hasRoom() {
        return count < ring.length;
    }

    /** @return whether no reply is awaited */
    boolean isEmpty() {
        return count == 0;
    }

    /** @return the exchange the next request is to use; {@link #add} it once stamped and sent */
    Exchange next() {
        return ring[(head + count) % ring.length];
    }

    /** Awaits the reply to {@link #next()}. */
    void add() {
        Exchange exchange = ring[(head + count) % ring.length];
        exchange.pending = true;
        count++;
    }

    /**
     * Checks the received bytes from {@code in}'s position against the replies awaited, advancing
     * the position, and stops after the first reply that completes.
     *
     * @return the exchange whose reply completed, or {@code null} once {@code in} is consumed
     * @throws LoadFailure on a wrong byte, or on bytes when no reply is awaited
     */
    Exchange receive(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        if (count == 0) {
            throw new LoadFailure("unexpected bytes on " + lane + ": " + in.remaining()
                    + " bytes arrived while no reply was awaited");
        }
        Exchange exchange = ring[head];
        int take = Math.min(in.remaining(), replyBytes - received);
        int position = in.position();
        int limit = in.limit();
        ByteBuffer expected = exchange.expected.limit(received + take).position(received);
        int mismatch = in.limit(position + take).mismatch(expected);
        in.limit(limit);
        if (mismatch >= 0) {
            throw LoadFailure.wrongReply(lane, exchange, received + mismatch, in, received);
        }
        in.position(position + take);
        received += take;
        if (received < replyBytes) {
            return null;
        }
        received = 0;
        exchange.pending = false;
        head = (head + 1) % ring.length;
        count--;
        return exchange;
    }
}
