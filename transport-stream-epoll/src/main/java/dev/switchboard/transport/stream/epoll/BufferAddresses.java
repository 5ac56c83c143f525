package dev.switchboard.transport.stream.epoll;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;

/**
 * The native addresses of the last two direct buffers asked about, so that the loop's own buffers
 * (its read buffer, its batch, its reply) are read into and written from without a
 * {@link MemorySegment} per call. Used by one thread; the buffers it names stay reachable through it.
 */
final class BufferAddresses {

    private ByteBuffer last;
    private long lastBase;
    private ByteBuffer before;
    private long beforeBase;

    /**
     * @param buffer a direct buffer
     * @return the address of its position
     */
    long of(ByteBuffer buffer) {
        if (buffer == last) {
            return lastBase + buffer.position();
        }
        if (buffer == before) {
            return beforeBase + buffer.position();
        }
        long base = MemorySegment.ofBuffer(buffer).address() - buffer.position();
        before = last;
        beforeBase = lastBase;
        last = buffer;
        lastBase = base;
        return base + buffer.position();
    }
}
