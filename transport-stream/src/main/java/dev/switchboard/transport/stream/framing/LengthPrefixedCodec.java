package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code length-prefixed} framing: a 4-byte big-endian unsigned length, then that many bytes of
 * payload, at most {@code maxBytes}. A length with its top bit set is malformed. Replies are framed
 * the same way, header and content in one buffer. A partial frame at end of stream is dropped.
 */
final class LengthPrefixedCodec implements FrameCodec {

    static final int HEADER_BYTES = Integer.BYTES;

    private final int maxBytes;

    /** @param maxBytes the largest payload */
    LengthPrefixedCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int decode(ByteBuffer in, int searchFrom) {
        int start = in.position();
        int available = in.limit() - start;
        if (available < HEADER_BYTES) {
            return NEED_MORE;
        }
        int length = in.getInt(start);
        if (in.order() == ByteOrder.LITTLE_ENDIAN) { // the header is big-endian whatever the buffer's order
            length = Integer.reverseBytes(length);
        }
        if (length < 0) {
            return MALFORMED;
        }
        if (length > maxBytes) {
            return TOO_LARGE;
        }
        if (available - HEADER_BYTES < length) {
            return NEED_MORE;
        }
        int end = start + HEADER_BYTES + length;
        in.position(start + HEADER_BYTES).limit(end);
        return end;
    }

    @Override
    public int decodeLast(ByteBuffer in) {
        return NEED_MORE;
    }

    @Override
    public int maxFrameBytes() {
        return HEADER_BYTES + maxBytes;
    }

    /** Leaves room for the reply's length in front of it. */
    @Override
    public void prepare(Reply reply) {
        reply.clear(HEADER_BYTES);
    }

    /** Puts the reply's length in front of it. */
    @Override
    public ByteBuffer encode(Reply reply, int requestTrailerBytes) {
        ByteBuffer frame = reply.frame();
        frame.putInt(0, reply.size());
        return frame;
    }
}
