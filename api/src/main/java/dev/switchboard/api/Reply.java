package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The reply a {@link MessageService} writes for one request: a growable byte buffer with a maximum
 * size, reused by the transport from one request to the next.
 *
 * <p>A service either leaves the reply untouched (no reply is sent), or writes to it, through
 * {@link #write} or through the buffer that {@link #buffer(int)} returns. Writing nothing but an
 * empty array still counts as replying, with zero bytes.
 *
 * <p>The transport side of the class ({@link #clear(int, int)}, {@link #content()}, {@link #frame()},
 * {@link #frame(int)}, {@link #appendTrailer}) lets a {@link FrameCodec} reserve room for a frame
 * header in front of the content and for a trailer behind it, so that header, content and trailer
 * leave in one write. Header and trailer do not count toward {@link #maxBytes()} or {@link #size()}.
 *
 * <p>A reply is used by one thread at a time and is not thread-safe.
 */
public final class Reply {

    private static final int INITIAL_CAPACITY = 4096;

    private final int maxBytes;
    private final boolean direct;
    private ByteBuffer buffer;
    private ByteBuffer readView;
    private int headroom;
    private int tailroom;
    private int trailer;
    private boolean present;

    private Reply(int maxBytes, boolean direct) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.direct = direct;
        allocateBuffer(Math.min(INITIAL_CAPACITY, maxBytes));
    }

    /**
     * A reply backed by heap memory, as services' own tests and intermediate chain steps use.
     *
     * @param maxBytes the largest reply content this can hold
     * @return an empty reply
     */
    public static Reply allocate(int maxBytes) {
        return new Reply(maxBytes, false);
    }

    /**
     * A reply backed by direct memory, which channels write without an extra copy.
     *
     * @param maxBytes the largest reply content this can hold
     * @return an empty reply
     */
    public static Reply allocateDirect(int maxBytes) {
        return new Reply(maxBytes, true);
    }

    /**
     * A buffer to write the reply into with relative puts, positioned after what has been written so
     * far and with at least {@code minRemaining} bytes remaining. Everything between the start of the
     * reply and the buffer's position when the service returns is the reply. Marks the reply as
     * present.
     *
     * <p>The buffer is valid until the next call on this reply: a later call may have to replace it
     * with a larger one.
     *
     * @param minRemaining how many bytes the caller is about to write
     * @return the reply's buffer
     * @throws ReplyTooLargeException if the reply would exceed {@link #maxBytes()}
     */
    public ByteBuffer buffer(int minRemaining) {
        ensureRemaining(minRemaining);
        present = true;
        return buffer;
    }

    /**
     * Appends the bytes between {@code source}'s position and limit, advancing its position.
     *
     * @param source the bytes to append
     * @return this reply
     * @throws ReplyTooLargeException if the reply would exceed {@link #maxBytes()}
     */
    public Reply write(ByteBuffer source) {
        buffer(source.remaining()).put(source);
        return this;
    }

    /**
     * Appends {@code bytes}.
     *
     * @param bytes the bytes to append
     * @return this reply
     * @throws ReplyTooLargeException if the reply would exceed {@link #maxBytes()}
     */
    public Reply write(byte[] bytes) {
        buffer(bytes.length).put(bytes);
        return this;
    }

    /**
     * Appends {@code text} encoded as UTF-8; unpaired surrogates become {@code '?'}.
     *
     * @param text the text to append
     * @return this reply
     * @throws ReplyTooLargeException if the reply would exceed {@link #maxBytes()}
     */
    public Reply write(CharSequence text) {
        return write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** @return whether the service replied (wrote anything, even zero bytes) */
    public boolean isPresent() {
        return present;
    }

    /** @return how many bytes of content have been written, header and trailer excluded */
    public int size() {
        return buffer.position() - headroom - trailer;
    }

    /** @return the largest content this reply may hold */
    public int maxBytes() {
        return maxBytes;
    }

    /** Empties the reply for the next request, with no room reserved for a header or a trailer. */
    public void clear() {
        clear(0, 0);
    }

    /**
     * Empties the reply for the next request and reserves {@code headroom} bytes in front of its
     * content, which {@link #frame()} exposes for a frame header.
     *
     * @param headroom bytes to reserve before the content
     */
    public void clear(int headroom) {
        clear(headroom, 0);
    }

    /**
     * Empties the reply for the next request, reserves {@code headroom} bytes in front of its
     * content for a frame header ({@link #frame(int)}) and lets up to {@code tailroom} bytes of
     * trailer follow it ({@link #appendTrailer}). Allocates only when the reply's buffer is smaller
     * than the two together.
     *
     * @param headroom bytes to reserve before the content
     * @param tailroom the most trailer bytes that may follow the content
     */
    public void clear(int headroom, int tailroom) {
        if (headroom < 0 || tailroom < 0) {
            throw new IllegalArgumentException("headroom and tailroom must not be negative: " + headroom + ", " + tailroom);
        }
        if (buffer.capacity() < headroom + tailroom) {
            allocateBuffer(headroom + tailroom + Math.min(INITIAL_CAPACITY, maxBytes));
        }
        this.headroom = headroom;
        this.tailroom = tailroom;
        this.trailer = 0;
        this.present = false;
        buffer.clear().position(headroom);
    }

    /**
     * Appends a frame trailer after the content, such as a line terminator; it ends the reply, which
     * takes no more content after it. Trailer bytes do not count toward {@link #maxBytes()}.
     *
     * @param bytes holds the trailer
     * @param offset where the trailer starts in {@code bytes}
     * @param length the trailer's length
     * @return this reply
     * @throws IllegalStateException if the trailers appended since {@link #clear(int, int)} would
     *     exceed its tailroom
     */
    public Reply appendTrailer(byte[] bytes, int offset, int length) {
        if (trailer + (long) length > tailroom) {
            throw new IllegalStateException("a trailer of " + (trailer + (long) length)
                    + " bytes exceeds the tailroom of " + tailroom + " bytes");
        }
        ensureCapacity((long) buffer.position() + length);
        buffer.put(bytes, offset, length);
        trailer += length;
        return this;
    }

    /**
     * The content written so far, for reading: position at its first byte, limit after its last.
     * The returned buffer is a view owned by this reply; it stays valid until the next write or
     * clear.
     *
     * @return a view of the content
     */
    public ByteBuffer content() {
        return readView.limit(buffer.position() - trailer).position(headroom);
    }

    /**
     * The whole headroom, the content and the trailer, for a transport or codec to fill in a header
     * of exactly the headroom's size with absolute puts and then send: position 0, limit after the
     * last byte. The view is owned by this reply and valid until the next write or clear.
     *
     * @return a view of the whole frame
     */
    public ByteBuffer frame() {
        return frame(headroom);
    }

    /**
     * The last {@code headerBytes} of the headroom, the content and the trailer: for a header whose
     * length depends on the content (a decimal length, say), written with absolute puts from the
     * view's position. The view is owned by this reply and valid until the next write or clear.
     *
     * @param headerBytes how much of the headroom the header takes, from 0 to the headroom
     * @return a view of the frame, positioned at the header's first byte
     * @throws IllegalArgumentException if {@code headerBytes} is negative or exceeds the headroom
     */
    public ByteBuffer frame(int headerBytes) {
        if (headerBytes < 0 || headerBytes > headroom) {
            throw new IllegalArgumentException("a header of " + headerBytes + " bytes does not fit the headroom of "
                    + headroom + " bytes");
        }
        return readView.limit(buffer.position()).position(headroom - headerBytes);
    }

    private void ensureRemaining(int minRemaining) {
        if (minRemaining < 0) {
            throw new IllegalArgumentException("minRemaining must not be negative: " + minRemaining);
        }
        if (trailer > 0) {
            throw new IllegalStateException("the reply's trailer is appended: it takes no more content");
        }
        long needed = (long) buffer.position() + minRemaining;
        if (needed - headroom > maxBytes) {
            throw new ReplyTooLargeException(needed - headroom, maxBytes);
        }
        ensureCapacity(needed);
    }

    /** Grows the buffer, never beyond what a full reply with its header and trailer needs. */
    private void ensureCapacity(long needed) {
        if (needed > buffer.capacity()) {
            long doubled = Math.max(needed, 2L * buffer.capacity());
            int capacity = (int) Math.min(doubled, (long) maxBytes + headroom + tailroom);
            ByteBuffer previous = buffer.flip();
            allocateBuffer(capacity);
            buffer.put(previous);
        }
    }

    private void allocateBuffer(int capacity) {
        buffer = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        readView = buffer.duplicate();
    }
}
