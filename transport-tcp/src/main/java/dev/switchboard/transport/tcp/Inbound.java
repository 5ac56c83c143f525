package dev.switchboard.transport.tcp;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The input side of one event loop: reads a connection's bytes into the loop's one read buffer,
 * behind what earlier reads left, and cuts them into frames in place. What decoding leaves (a
 * partial request, or the rest of a read whose decoding paused) stays with the connection: up to
 * three bytes in a field, more in a buffer of its own that is released once empty.
 */
final class Inbound {

    /** What the loop does with the frames found. */
    interface Frames {
        /**
         * @param payload the frame's payload, between position and limit, valid during this call
         * @param trailer the length of the frame's trailer
         */
        void handle(Connection c, ByteBuffer payload, int trailer) throws IOException;

        /** @param result {@link FrameCodec#TOO_LARGE} or {@link FrameCodec#MALFORMED} */
        void refuse(Connection c, int result);
    }

    private final FrameCodec decoder;
    private final ByteBuffer readBuffer;
    private final BufferGauge gauge;
    private final Counters.Shard counters;
    private final Frames frames;
    private final int maxHeld;

    /**
     * @param decoder the endpoint's framing
     * @param readBufferBytes the size of the loop's read buffer
     */
    Inbound(FrameCodec decoder, int readBufferBytes, BufferGauge gauge, Counters.Shard counters, Frames frames) {
        this.decoder = decoder;
        this.readBuffer = ByteBuffer.allocateDirect(readBufferBytes);
        this.gauge = gauge;
        this.counters = counters;
        this.frames = frames;
        // a partial frame, or the undecoded rest of one read
        this.maxHeld = Math.max(decoder.maxFrameBytes(), readBufferBytes);
    }

    /**
     * Reads what the socket has, handles each complete frame while the connection takes requests,
     * and keeps the rest. At end of stream the last frame, if any, is handled.
     *
     * @return the bytes read, or -1 at end of stream
     */
    int read(Connection c, long now) throws IOException {
        boolean heldPartial = c.holdsInput();
        ByteBuffer in = readBufferFor(c);
        int searchFrom = in.position();
        int read = c.channel.read(in);
        in.flip();
        if (read < 0) {
            decodeLast(c, in);
            return read;
        }
        if (read > 0) {
            counters.add(Counter.BYTES_IN, read);
            c.lastActivity = now;
        }
        boolean decoded = decode(c, in, searchFrom);
        keepRest(c, in, heldPartial && !decoded, now);
        return read;
    }

    /** Decodes the input held while reading was paused, now that it resumes. */
    void decodeHeld(Connection c, long now) throws IOException {
        if (!c.holdsInput()) {
            return;
        }
        ByteBuffer in;
        if (c.inbound != null) {
            in = c.inbound.flip();
        } else {
            readBuffer.clear();
            c.takeCarry(readBuffer);
            in = readBuffer.flip();
        }
        boolean decoded = decode(c, in, in.position());
        keepRest(c, in, !decoded, now);
    }

    /** @return the bytes read and thrown away, or -1 at end of stream */
    int discard(Connection c) throws IOException {
        int read = c.channel.read(readBuffer.clear());
        if (read > 0) {
            counters.add(Counter.BYTES_IN, read);
        }
        return read;
    }

    /** Forgets the input held for {@code c}. */
    void drop(Connection c) {
        gauge.release(c.inbound);
        c.inbound = null;
        c.dropCarry();
    }

    /** The buffer to read into, in fill mode, starting with the input held from earlier reads. */
    private ByteBuffer readBufferFor(Connection c) {
        ByteBuffer held = c.inbound;
        if (held != null && held.position() > readBuffer.capacity() / 2) {
            // a large partial request: read on after it rather than copy it back and forth
            return c.inbound = gauge.ensureRoom(held, 1, decoder.maxFrameBytes());
        }
        readBuffer.clear();
        if (held != null) {
            readBuffer.put(held.flip());
            held.clear();
        } else {
            c.takeCarry(readBuffer);
        }
        return readBuffer;
    }

    /** @return whether any frame was handled */
    private boolean decode(Connection c, ByteBuffer in, int searchFrom) throws IOException {
        boolean decoded = false;
        while (in.hasRemaining() && c.isDecoding()) {
            int limit = in.limit();
            int end = decoder.decode(in, searchFrom);
            if (end == FrameCodec.NEED_MORE) {
                break;
            }
            if (end < 0) {
                frames.refuse(c, end);
                break;
            }
            decoded = true;
            frames.handle(c, in, end - in.limit());
            in.limit(limit).position(end);
            searchFrom = end;
        }
        return decoded;
    }

    private void decodeLast(Connection c, ByteBuffer in) throws IOException {
        int end = decoder.decodeLast(in);
        if (end >= 0) {
            frames.handle(c, in, end - in.limit());
        } else if (end != FrameCodec.NEED_MORE) {
            frames.refuse(c, end);
        }
        drop(c);
    }

    /**
     * Keeps what decoding left of {@code in}, unless the connection takes no more requests.
     *
     * @param samePartial whether the rest is the partial request held before this read, grown
     */
    private void keepRest(Connection c, ByteBuffer in, boolean samePartial, long now) {
        if (!c.isTakingRequests()) {
            if (c.state != Connection.State.CLOSED) {
                drop(c);
            }
            return;
        }
        int rest = in.remaining();
        if (rest == 0) {
            drop(c);
        } else if (in == c.inbound) {
            in.compact();
        } else if (c.inbound == null && rest <= Connection.CARRY_BYTES) {
            c.carry(in);
        } else {
            c.inbound = gauge.ensureRoom(c.inbound, rest, maxHeld).put(in);
        }
        if (rest > 0 && !samePartial) {
            c.since = now;
        }
    }
}
