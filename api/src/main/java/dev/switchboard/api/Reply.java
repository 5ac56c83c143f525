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
 * <p>The transport side of the class ({@link #clear(int)}, {@link #content()}, {@link #frame()})
 * lets a transport reserve room for a frame header in front of the content, so that header and
 * content leave in one write.
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

    /** @return how many bytes of content have been written */
    public int size() {
        return buffer.position() - headroom;
    }

    /** @return the largest content this reply may hold */
    public int maxBytes() {
        return maxBytes;
    }

    /** Empties the reply for the next request, with no room reserved for a header. */
    public void clear() {
        clear(0);
    }

    /**
     * Empties the reply for the next request and reserves {@code headroom} bytes in front of its
     * content, which {@link #frame()} exposes for the transport's frame header.
     *
     * @param headroom bytes to reserve before the content
     */
    public void clear(int headroom) {
        if (headroom < 0) {
            throw new IllegalArgumentException("headroom must not be negative: " + headroom);
        }
        if (buffer.capacity() < headroom) {
            allocateBuffer(headroom + Math.min(INITIAL_CAPACITY, maxBytes));
        }
        this.headroom = headroom;
        this.present = false;
        buffer.clear().position(headroom);
    }

    /**
     * The content written so far, for reading: position at its first byte, limit after its last.
     * The returned buffer is a view owned by this reply; it stays valid until the next write or
     * clear.
     *
     * @return a view of the content
     */
    public ByteBuffer content() {
        return readView.limit(buffer.position()).position(headroom);
    }

    /**
     * The headroom followed by the content, for the transport to fill in its header with absolute
     * puts and then send: position 0, limit after the content's last byte.
     *
     * @return a view of the whole frame
     */
    public ByteBuffer frame() {
        return readView.limit(buffer.position()).position(0);
    }

    private void ensureRemaining(int minRemaining) {
        if (minRemaining < 0) {
            throw new IllegalArgumentException("minRemaining must not be negative: " + minRemaining);
        }
        long needed = (long) buffer.position() + minRemaining;
        if (needed - headroom > maxBytes) {
            throw new ReplyTooLargeException(needed - headroom, maxBytes);
        }
        if (needed > buffer.capacity()) {
            long doubled = Math.max(needed, 2L * buffer.capacity());
            int capacity = (int) Math.min(doubled, (long) maxBytes + headroom);
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
