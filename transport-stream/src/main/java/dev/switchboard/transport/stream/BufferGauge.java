package dev.switchboard.transport.stream;

import java.nio.ByteBuffer;

/**
 * Allocates the heap buffers one loop's connections hold (partial requests, unsent replies,
 * requests waiting for a worker) and keeps count of their capacity, which tests read from another
 * thread. Used by the loop's thread only.
 */
final class BufferGauge {

    private static final int MIN_CAPACITY = 4096;

    private volatile long bytes;

    /** @return the capacity of every buffer allocated here and not yet released */
    long bytes() {
        return bytes;
    }

    /**
     * @param capacity the buffer's size
     * @return a new empty buffer
     */
    ByteBuffer allocate(int capacity) {
        bytes += capacity;
        return ByteBuffer.allocate(capacity);
    }

    /** @param buffer a buffer from {@link #allocate} that is no longer used; may be null */
    void release(ByteBuffer buffer) {
        if (buffer != null) {
            bytes -= buffer.capacity();
        }
    }

    /**
     * A copy of the bytes between {@code source}'s position and limit, which it leaves unchanged.
     *
     * @param source the bytes to copy
     * @return a buffer holding them, in read mode
     */
    ByteBuffer copy(ByteBuffer source) {
        int length = source.remaining();
        return allocate(length).put(0, source, source.position(), length);
    }

    /**
     * Makes room in a fill-mode buffer.
     *
     * @param buffer a buffer in fill mode, or null
     * @param room how many more bytes it must take
     * @param limit the capacity not to grow beyond unless {@code room} needs more
     * @return {@code buffer}, or a larger one holding the same bytes
     */
    ByteBuffer ensureRoom(ByteBuffer buffer, int room, int limit) {
        int used = buffer == null ? 0 : buffer.position();
        if (buffer != null && buffer.remaining() >= room) {
            return buffer;
        }
        long doubled = Math.max(MIN_CAPACITY, 2L * used);
        int capacity = (int) Math.max(used + (long) room, Math.min(doubled, limit));
        ByteBuffer larger = allocate(capacity);
        if (buffer != null) {
            larger.put(buffer.flip());
            release(buffer);
        }
        return larger;
    }
}
