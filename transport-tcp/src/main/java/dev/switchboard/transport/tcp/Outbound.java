package dev.switchboard.transport.tcp;

import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The output side of one event loop. The replies to the frames of one read are gathered in the
 * loop's one direct batch buffer and written with one system call when the batch ends
 * ({@link #flushBatch}), the way Netty flushes once per read; a reply too large for the batch
 * buffer is written straight from where it was built. Only what the socket does not take is
 * copied into the connection's own buffer, which is flushed when the socket is writable again and
 * released once empty; while it holds bytes, later replies queue behind them there.
 *
 * <p>The batch buffer holds the replies of one connection at a time: the loop ends each batch
 * (or drops it, when the connection fails) before it turns to another connection.
 */
final class Outbound {

    private final ByteBuffer batch;
    private final BufferGauge gauge;
    private final Counters.Shard counters;

    /**
     * @param batchBytes the size of the batch buffer; 0 writes every reply on its own, for a framing
     *     where one read is one request
     */
    Outbound(int batchBytes, BufferGauge gauge, Counters.Shard counters) {
        this.batch = ByteBuffer.allocateDirect(batchBytes);
        this.gauge = gauge;
        this.counters = counters;
    }

    /**
     * Sends {@code frame} after every reply sent to {@code c} before: into the batch, or, if it does
     * not fit there, to the socket once the batch is written.
     */
    void send(Connection c, ByteBuffer frame, long now) throws IOException {
        if (c.outbound == null && batch.remaining() < frame.remaining()) {
            flushBatch(c, now);
        }
        if (c.outbound != null) {
            queue(c, frame);
        } else if (batch.remaining() >= frame.remaining()) {
            batch.put(frame);
        } else {
            wrote(c, c.channel.write(frame), now);
            if (frame.hasRemaining()) {
                queue(c, frame);
            }
        }
    }

    /** Writes the replies batched for {@code c}; what the socket does not take waits in its own buffer. */
    void flushBatch(Connection c, long now) throws IOException {
        if (batch.position() == 0) {
            return;
        }
        batch.flip();
        try {
            wrote(c, c.channel.write(batch), now);
            if (batch.hasRemaining()) {
                queue(c, batch);
            }
        } finally {
            batch.clear();
        }
    }

    /** Writes what the connection's buffer holds, as far as the socket takes it. */
    void flush(Connection c, long now) throws IOException {
        ByteBuffer out = c.outbound.flip();
        wrote(c, c.channel.write(out), now);
        if (out.hasRemaining()) {
            out.compact();
        } else {
            release(c);
        }
    }

    /** Forgets what the connection still had to send, batched or in its own buffer. */
    void drop(Connection c) {
        batch.clear();
        release(c);
    }

    /** Appends what is left of {@code bytes} to the connection's own buffer. */
    private void queue(Connection c, ByteBuffer bytes) {
        c.outbound = gauge.ensureRoom(c.outbound, bytes.remaining(), Integer.MAX_VALUE).put(bytes);
    }

    private void release(Connection c) {
        gauge.release(c.outbound);
        c.outbound = null;
    }

    private void wrote(Connection c, long bytes, long now) {
        if (bytes > 0) {
            counters.add(Counter.BYTES_OUT, bytes);
            c.lastActivity = now;
        }
    }
}
