package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Refusal;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The input side of one loop: reads a connection's bytes into the loop's one read buffer, behind
 * what earlier reads left, cuts them into frames in place with the endpoint's codec and hands each
 * payload on to the {@link Pipeline}. What decoding leaves (a partial request, or the rest of a read
 * whose decoding paused) stays with the connection: up to three bytes in a field, more in a buffer
 * of its own that is released once empty. A frame the codec refuses ends the connection's requests.
 * A partial request that waited the codec's hold timeout is decoded as if the stream ended there.
 */
final class Inbound {

    private final FrameCodec codec;
    private final ByteBuffer readBuffer;
    private final BufferGauge gauge;
    private final Counters.Shard counters;
    private final Clock clock;
    private final Pipeline pipeline;
    private final Connections connections;
    private final ProxyHeaderStage proxyHeaders;
    private final SweepSchedule sweeps;
    private final int maxHeld;
    private final int maxMessageBytes;
    private final String framing;

    /**
     * @param readBufferBytes the size of the loop's read buffer
     * @param pipeline where the payloads go
     * @param connections ends the connection of a refused frame
     * @param proxyHeaders takes a PROXY protocol header ahead of the frames
     * @param sweeps told when a connection begins to hold a partial request, which may time out
     */
    Inbound(StreamSettings settings, int readBufferBytes, BufferGauge gauge, Counters.Shard counters, Clock clock,
            Pipeline pipeline, Connections connections, ProxyHeaderStage proxyHeaders, SweepSchedule sweeps) {
        this.codec = settings.codec();
        this.readBuffer = ByteBuffer.allocateDirect(readBufferBytes);
        this.gauge = gauge;
        this.counters = counters;
        this.clock = clock;
        this.pipeline = pipeline;
        this.connections = connections;
        this.proxyHeaders = proxyHeaders;
        this.sweeps = sweeps;
        this.maxMessageBytes = settings.endpoint().maxMessageBytes();
        this.framing = settings.framing();
        // a partial frame, or the undecoded rest of one read
        this.maxHeld = Math.max(codec.maxFrameBytes(), readBufferBytes);
    }

    /**
     * Reads what the socket has, handles each complete frame while the connection takes requests,
     * and keeps the rest. At end of stream the last frame, if any, is handled.
     *
     * @return the bytes read, or -1 at end of stream
     */
    int read(Connection c) throws IOException {
        boolean heldPartial = c.holdsInput();
        ByteBuffer in = readBufferFor(c);
        int searchFrom = in.position();
        int read = c.socket.read(in);
        in.flip();
        if (read < 0) {
            if (c.proxyStage == Connection.ProxyStage.EXPECTED) {
                proxyHeaders.ended(c, in);
                c.releaseInput(gauge);
            } else {
                decodeLast(c, in);
            }
            return read;
        }
        if (read > 0) {
            counters.add(Counter.BYTES_IN, read);
            c.lastActivity = clock.now();
        }
        if (c.proxyStage != Connection.ProxyStage.NONE) {
            if (!proxyHeaders.take(c, in)) {
                keepRest(c, in, true); // a partial header's wait started when the connection did
                return read;
            }
            searchFrom = in.position();
        }
        boolean decoded = decode(c, in, searchFrom);
        keepRest(c, in, heldPartial && !decoded);
        return read;
    }

    /** Decodes the input held while reading was paused, now that it resumes. */
    void decodeHeld(Connection c) throws IOException {
        if (!c.holdsInput() || c.proxyStage != Connection.ProxyStage.NONE) { // a partial header waits for its rest
            return;
        }
        ByteBuffer in = heldInput(c);
        boolean decoded = decode(c, in, in.position());
        keepRest(c, in, !decoded);
    }

    /**
     * The partial request held waited the codec's hold timeout for the rest: it is handed to the codec
     * as the stream's last ({@link FrameCodec#decodeLast}), and reading goes on after it.
     */
    void decodeHeldAsLast(Connection c) throws IOException {
        ByteBuffer in = heldInput(c);
        int limit = in.limit();
        int end = codec.decodeLast(in);
        if (end >= 0) {
            pipeline.handle(c, in, end - in.limit());
            in.limit(limit).position(end);
        } else if (end != FrameCodec.NEED_MORE) {
            refuse(c, end);
        }
        keepRest(c, in, end == FrameCodec.NEED_MORE);
    }

    /** @return the input held from earlier reads, in read mode: the connection's buffer, or the carry in the loop's */
    private ByteBuffer heldInput(Connection c) {
        if (c.inbound != null) {
            return c.inbound.flip();
        }
        readBuffer.clear();
        c.takeCarry(readBuffer);
        return readBuffer.flip();
    }

    /** @return the bytes read and thrown away, or -1 at end of stream */
    int discard(Connection c) throws IOException {
        int read = c.socket.read(readBuffer.clear());
        if (read > 0) {
            counters.add(Counter.BYTES_IN, read);
        }
        return read;
    }

    /** The buffer to read into, in fill mode, starting with the input held from earlier reads. */
    private ByteBuffer readBufferFor(Connection c) throws MemoryBudgetExceeded {
        ByteBuffer held = c.inbound;
        if (held != null && held.position() > readBuffer.capacity() / 2) {
            // a large partial request: read on after it rather than copy it back and forth
            return c.inbound = gauge.ensureRoom(held, 1, codec.maxFrameBytes());
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
            int end = codec.decode(in, searchFrom);
            if (end == FrameCodec.NEED_MORE) {
                break;
            }
            if (end < 0) {
                refuse(c, end);
                break;
            }
            decoded = true;
            pipeline.handle(c, in, end - in.limit());
            in.limit(limit).position(end);
            searchFrom = end;
        }
        return decoded;
    }

    private void decodeLast(Connection c, ByteBuffer in) throws IOException {
        int end = codec.decodeLast(in);
        if (end >= 0) {
            pipeline.handle(c, in, end - in.limit());
        } else if (end != FrameCodec.NEED_MORE) {
            refuse(c, end);
        }
        c.releaseInput(gauge);
    }

    private void refuse(Connection c, int result) {
        if (result == FrameCodec.TOO_LARGE) {
            connections.refuse(c, Refusal.MESSAGE_TOO_LARGE, WARNING, () -> "closing the connection from "
                    + connections.peer(c) + ": a message exceeds max-message-bytes (" + maxMessageBytes + " bytes)");
        } else {
            connections.refuse(c, Refusal.MALFORMED_FRAME, WARNING, () -> "closing the connection from "
                    + connections.peer(c) + ": what it sent cannot be a frame of the " + framing + " framing");
        }
    }

    /**
     * Keeps what decoding left of {@code in}, unless the connection takes no more requests.
     *
     * @param samePartial whether the rest is the partial request held before this read, grown
     */
    private void keepRest(Connection c, ByteBuffer in, boolean samePartial) throws MemoryBudgetExceeded {
        if (!c.isTakingRequests()) {
            if (c.state != Connection.State.CLOSED) {
                c.releaseInput(gauge);
            }
            return;
        }
        int rest = in.remaining();
        if (rest == 0) {
            c.releaseInput(gauge);
        } else if (in == c.inbound) {
            in.compact();
        } else if (c.inbound == null && rest <= Connection.CARRY_BYTES) {
            c.carry(in);
        } else {
            c.inbound = gauge.ensureRoom(c.inbound, rest, maxHeld).put(in);
        }
        if (rest > 0 && !samePartial) {
            c.since = clock.now();
            sweeps.holdBegan(c.since);
        }
    }
}
