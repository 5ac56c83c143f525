package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * A framing: how a stream transport cuts the bytes of a connection into requests, and how it frames
 * each reply to match. Created by a {@link FrameCodecProvider} for one endpoint.
 *
 * <h2>Threads and state</h2>
 * One codec serves every connection of its endpoint, from several I/O threads at once and, for a
 * blocking service, from worker threads: every method must be thread-safe, which a codec without
 * mutable fields is. It holds no per-connection state: the bytes of a partial frame stay in the
 * transport's buffer until a later read completes them, and the transport passes in what it knows
 * about them ({@code searchFrom}). No method may block, do I/O or allocate per call: codecs run on
 * the hot path of every request.
 *
 * <h2>Decoding</h2>
 * The transport calls {@link #decode} on the bytes received and not yet consumed, the position being
 * the start of a frame. A complete frame is reported by narrowing the buffer to its payload and
 * returning the index just past the whole frame: the frame is {@code [position, end)}, its payload
 * {@code [position, limit)} and its trailer {@code [limit, end)}. The transport hands the payload to
 * the service, then continues at {@code end}. A negative result reports why there is no frame:
 * <ul>
 *   <li>{@link #NEED_MORE}: the bytes are the start of a frame; the transport keeps them and calls
 *       again once more have arrived, with {@code searchFrom} at the first new byte.
 *   <li>{@link #TOO_LARGE}: the frame's payload exceeds the endpoint's maximum message size. Report it
 *       as early as a header or the bytes seen so far allow, so that a client cannot make the
 *       transport buffer an oversized frame whole.
 *   <li>{@link #MALFORMED}: the bytes cannot be a frame of this framing, such as an impossible header.
 * </ul>
 * A refusal ({@code TOO_LARGE} or {@code MALFORMED}) ends the connection's requests: the transport
 * counts it ({@code message-too-large} or {@code malformed-frame} in
 * {@link TransportStats#refusals()}), logs it (rate-limited), sends the replies already due and
 * closes the connection; it never calls the codec again for that connection.
 *
 * <p>Decoding must be safe wherever the stream is split: any cut of the same bytes into reads must
 * give the same frames, down to one byte per read.
 *
 * <h2>Encoding</h2>
 * For each request that gets a reply, the transport calls {@link #prepare} on the reply before the
 * service writes into it, and {@link #encode} after: the codec reserves room for its header (and its
 * trailer) in the first and fills them in the second, so that the whole frame leaves in one write
 * with nothing copied. The transport sends exactly the bytes {@code encode} returns.
 *
 * @see FrameCodecProvider
 */
public interface FrameCodec {

    /** {@link #decode} result: the bytes from the position on are only the start of a frame. */
    int NEED_MORE = -1;
    /** {@link #decode} result: the frame's payload exceeds the maximum message size. */
    int TOO_LARGE = -2;
    /** {@link #decode} result: the bytes from the position on cannot be a frame of this framing. */
    int MALFORMED = -3;

    /**
     * Looks for the frame that starts at {@code in}'s position and ends before its limit. When it
     * finds one, it narrows {@code in} to the frame's payload (position at the payload's first byte,
     * limit after its last) and returns the index just past the whole frame; otherwise it leaves
     * {@code in} unchanged and returns {@link #NEED_MORE}, {@link #TOO_LARGE} or {@link #MALFORMED}.
     *
     * <p>The buffer is the transport's, valid during this call only; the codec reads it with
     * absolute gets (any byte order: it may be direct, heap, big- or little-endian), never writes to
     * it and keeps no reference to it.
     *
     * @param in the bytes received, from the frame's start (the position) to the last byte received
     *     (the limit)
     * @param searchFrom an index from {@code in}'s position to its limit. The transport guarantees
     *     that the bytes from the position up to {@code searchFrom} were all passed, starting at the
     *     same frame start, to an earlier call that returned {@link #NEED_MORE}: a codec that scans
     *     for a delimiter may resume there. It may equal the position (nothing is known).
     * @return the index after the frame, at most {@code in.limit()}; or a negative result
     */
    int decode(ByteBuffer in, int searchFrom);

    /**
     * At end of stream, after {@link #decode} returned {@link #NEED_MORE} for the same bytes: the
     * last frame they make, if the framing allows an unterminated one, with the contract of
     * {@code decode}. {@link #NEED_MORE} means the bytes are dropped.
     *
     * @param in the bytes left over, none of which forms a complete frame
     * @return the index after the frame, or a negative result
     */
    int decodeLast(ByteBuffer in);

    /**
     * How long bytes for which {@link #decode} returned {@link #NEED_MORE} may wait for the rest of
     * their frame before the transport gives up waiting and hands them to {@link #decodeLast}, as at
     * end of stream, but reading on afterwards: for a framing whose frames end where the client
     * stops sending, so that a client is never denied the answer to the bytes it sent. The transport
     * notices within a fraction of this more (its timeouts' sweep). A codec declaring a positive
     * hold timeout must make a frame in {@code decodeLast} of any bytes {@code decode} kept.
     * {@link Duration#ZERO}: held bytes wait for more, as long as the endpoint's
     * {@code frame-timeout} lets them.
     *
     * <p>Read once, when the endpoint starts.
     *
     * @return a duration, not negative; {@link Duration#ZERO} unless overridden
     */
    default Duration holdTimeout() {
        return Duration.ZERO;
    }

    /**
     * The largest frame this codec accepts, framing bytes included: the most the transport may have
     * to hold for one partial frame.
     *
     * @return a size in bytes, at least the maximum message size
     */
    int maxFrameBytes();

    /**
     * Whether frames end where reads end, as with the {@code raw} framing, whose request is what one
     * read delivers. The stream transport then reads at most {@link #maxFrameBytes()} at a time and
     * writes each reply as soon as it is made, instead of reading into a larger buffer and gathering
     * the replies of one read into one write.
     *
     * @return {@code false} unless overridden
     */
    default boolean isReadDelimited() {
        return false;
    }

    /**
     * Empties {@code reply} for the next request and reserves the room this framing's header and
     * trailer need, through {@link Reply#clear(int, int)}. Called on the thread that will run the
     * service, before it runs.
     *
     * @param reply the reply the service is about to write; owned by the transport
     */
    default void prepare(Reply reply) {
        reply.clear();
    }

    /**
     * Frames the reply the service wrote after {@link #prepare}: fills in the header (through
     * {@link Reply#frame()} or {@link Reply#frame(int)}) and appends the trailer (through
     * {@link Reply#appendTrailer}), if this framing has them. Called only if the service replied,
     * on the thread that ran it.
     *
     * @param reply the service's reply
     * @param requestTrailerBytes the length of the request's trailer as {@link #decode} reported it
     *     ({@code end} less the payload's limit), so that a reply can repeat what its request ended
     *     with, as a line's LF or CRLF; 0 for a request from {@link #decodeLast} without one
     * @return the bytes to send, a view owned by {@code reply}: valid until the reply is next
     *     prepared or cleared
     */
    default ByteBuffer encode(Reply reply, int requestTrailerBytes) {
        return reply.content();
    }
}
