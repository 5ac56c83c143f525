package dev.switchboard.transport.tcp;

import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;

/**
 * One framing: how a TCP byte stream is cut into requests, and how a reply is framed to match.
 *
 * <p>A decoder works in place on the caller's buffer and does no I/O. It is stateless, so one
 * instance serves every connection of an endpoint: the bytes of a partial frame stay in the
 * caller's buffer until the next read completes them. Sizes are checked as early as the header or
 * the bytes seen so far allow, so that an over-long message is refused before it is buffered whole.
 */
sealed interface FrameDecoder permits RawDecoder, LineDecoder, LengthPrefixedDecoder {

    /** {@link #decode} result: the bytes from the position on are only the start of a frame. */
    int NEED_MORE = -1;
    /** {@link #decode} result: the frame's payload exceeds the maximum message size. */
    int TOO_LARGE = -2;
    /** {@link #decode} result: the frame's header is impossible. */
    int MALFORMED = -3;

    /**
     * Looks for the next frame between {@code in}'s position and limit. When it finds one it
     * narrows {@code in} to the frame's payload (position at its first byte, limit after its last)
     * and returns the index just past the whole frame; the bytes between the payload's limit and
     * that index are the frame's trailer, such as a line's terminator. Otherwise it leaves
     * {@code in} unchanged and returns {@link #NEED_MORE}, {@link #TOO_LARGE} or
     * {@link #MALFORMED}.
     *
     * @param in the received bytes
     * @param searchFrom an index from {@code in}'s position on: the bytes before it were already
     *     seen by an earlier call that returned {@link #NEED_MORE}, so hold no frame boundary
     * @return the index after the frame, or a negative result
     */
    int decode(ByteBuffer in, int searchFrom);

    /**
     * At end of stream: the last frame the remaining bytes make, with the contract of
     * {@link #decode}; {@link #NEED_MORE} means they are dropped.
     *
     * @param in the bytes left over, none of which forms a complete frame
     * @return the index after the frame, or a negative result
     */
    int decodeLast(ByteBuffer in);

    /** @return the largest frame, framing bytes included */
    int maxFrameBytes();

    /** @return the room a reply needs in front of its content for this framing's header */
    default int replyHeadroom() {
        return 0;
    }

    /**
     * Frames a reply written after {@code reply.clear(replyHeadroom())}: fills in its header, if any.
     *
     * @param reply the service's reply
     * @return the header and content, ready to send; any trailer follows separately
     */
    default ByteBuffer frame(Reply reply) {
        return reply.content();
    }
}
