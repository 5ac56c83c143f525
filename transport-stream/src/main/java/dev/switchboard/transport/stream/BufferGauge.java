package dev.switchboard.transport.stream;

import dev.switchboard.api.MemoryBudget;
import java.nio.ByteBuffer;

/**
 * Allocates the heap buffers one loop's connections hold (partial requests, unsent replies,
 * requests waiting for a worker), reserving each from the process's {@link MemoryBudget} first,
 * and keeps count of their capacity, which tests read from another thread. Used by the loop's
 * thread only.
 */
final class BufferGauge {

    private static final int MIN_CAPACITY = 4096;

    private final MemoryBudget budget;
    private volatile long bytes;

    /** @param budget where every buffer allocated here is reserved from */
    BufferGauge(MemoryBudget budget) {
        this.budget = budget;
    }

    /** @return the capacity of every buffer allocated here and not yet released */
    long bytes() {
        return bytes;
    }

    /** @return the budget this gauge reserves from */
    MemoryBudget budget() {
        return budget;
    }

    /**
     * @param capacity the buffer's size
     * @return a new empty buffer
     * @throws MemoryBudgetExceeded if it does not fit in the budget; nothing is allocated then
     */
    ByteBuffer allocate(int capacity) throws MemoryBudgetExceeded {
        if (!budget.tryReserve(capacity)) {
            throw new MemoryBudgetExceeded(capacity);
        }
        bytes += capacity;
        return ByteBuffer.allocate(capacity);
    }

    /** @param buffer a buffer from {@link #allocate} that is no longer used; may be null */
    void release(ByteBuffer buffer) {
        if (buffer != null) {
            bytes -= buffer.capacity();
            budget.release(buffer.capacity());
        }
    }

    /**
     * A copy of the bytes between {@code source}'s position and limit, which it leaves unchanged.
     *
     * @param source the bytes to copy
     * @return a buffer holding them, in read mode
     * @throws MemoryBudgetExceeded if the copy does not fit in the budget
     */
    ByteBuffer copy(ByteBuffer source) throws MemoryBudgetExceeded {
        int length = source.remaining();
        return allocate(length).put(0, source, source.position(), length);
    }

    /**
     * Makes room in a fill-mode buffer: doubles it, but never beyond {@code limit} unless
     * {@code room} needs more, so that a buffer's capacity stays within the bound its owner keeps.
     *
     * @param buffer a buffer in fill mode, or null
     * @param room how many more bytes it must take
     * @param limit the capacity not to grow beyond unless {@code room} needs more
     * @return {@code buffer}, or a larger one holding the same bytes (then {@code buffer} is released)
     * @throws MemoryBudgetExceeded if a larger buffer does not fit in the budget; {@code buffer} is
     *     left as it was
     */
    ByteBuffer ensureRoom(ByteBuffer buffer, int room, int limit) throws MemoryBudgetExceeded {
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
