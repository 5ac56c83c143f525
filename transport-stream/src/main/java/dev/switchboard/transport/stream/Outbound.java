package dev.switchboard.transport.stream;

import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The output side of one loop: batching, writes and the write watermarks. The replies to the frames
 * of one read are gathered in the loop's one direct batch buffer and written with one system call
 * when the batch ends ({@link #endBatch}), the way Netty flushes once per read; a reply too large for
 * the batch buffer is written straight from where it was built. Only what the socket does not take
 * is copied into the connection's own buffer, which is flushed when the socket is writable again
 * and released once empty; while it holds bytes, later replies queue behind them there.
 *
 * <p>While more than the high watermark of bytes is pending for a connection (unsent replies and
 * requests waiting for a worker) reading from it pauses; it resumes once they fall to the low
 * watermark.
 *
 * <p>The batch buffer holds the replies of one connection at a time: the loop ends each batch (or
 * drops it, when the connection fails) before it turns to another connection.
 */
final class Outbound {

    private final ByteBuffer batch;
    private final BufferGauge gauge;
    private final Counters.Shard counters;
    private final Clock clock;
    private final int highWatermark;
    private final int lowWatermark;
    /** What a connection's own buffer may need: the high watermark crossed by one largest reply. */
    private final int maxQueued;

    /**
     * @param batchBytes the size of the batch buffer; 0 writes every reply on its own, for a framing
     *     where one read is one request
     * @param settings the watermarks
     */
    Outbound(int batchBytes, StreamSettings settings, BufferGauge gauge, Counters.Shard counters, Clock clock) {
        this.batch = ByteBuffer.allocateDirect(batchBytes);
        this.gauge = gauge;
        this.counters = counters;
        this.clock = clock;
        this.highWatermark = settings.writeHighWatermark();
        this.lowWatermark = settings.writeLowWatermark();
        this.maxQueued = (int) Math.min(Integer.MAX_VALUE - 8,
                (long) highWatermark + Math.max(batchBytes, settings.maxReplyBytes()));
    }

    /**
     * Sends the reply {@code frame} after every reply sent to {@code c} before: into the batch, or,
     * if it does not fit there, to the socket once the batch is written. Pauses reading above the
     * high watermark.
     *
     * @param frame the whole frame, header and trailer included; valid during this call only
     */
    void send(Connection c, ByteBuffer frame) throws IOException {
        counters.increment(Counter.REPLIES);
        if (c.outbound == null && batch.remaining() < frame.remaining()) {
            writeBatch(c);
        }
        if (c.outbound != null) {
            queue(c, frame);
        } else if (batch.remaining() >= frame.remaining()) {
            batch.put(frame);
        } else {
            wrote(c, c.socket.write(frame));
            if (frame.hasRemaining()) {
                queue(c, frame);
            }
        }
        pauseAboveHighWatermark(c);
    }

    /** Writes the replies batched for {@code c}; what the socket does not take waits in its own buffer. */
    void endBatch(Connection c) throws IOException {
        writeBatch(c);
        pauseAboveHighWatermark(c);
    }

    /**
     * Writes what the connection's own buffer holds, as far as the socket takes it.
     *
     * @return whether reading from {@code c} resumes: it was paused and is now below the low watermark
     */
    boolean flush(Connection c) throws IOException {
        ByteBuffer out = c.outbound.flip();
        wrote(c, c.socket.write(out));
        if (out.hasRemaining()) {
            out.compact();
        } else {
            c.releaseOutput(gauge);
        }
        return resumeBelowLowWatermark(c);
    }

    /** Pauses reading from {@code c} while more than the high watermark is pending for it. */
    void pauseAboveHighWatermark(Connection c) {
        if (c.pendingBytes() > highWatermark) {
            c.readPaused = true;
        }
    }

    /**
     * Resumes reading from {@code c} if it was paused and what is pending for it fell to the low
     * watermark.
     *
     * @return whether it resumed, so that the input it holds is to be decoded
     */
    boolean resumeBelowLowWatermark(Connection c) {
        if (c.readPaused && c.pendingBytes() <= lowWatermark) {
            c.readPaused = false;
            c.since = clock.now(); // a partial request could not grow while reading was paused
            return true;
        }
        return false;
    }

    /** Forgets what the connection still had to send, batched or in its own buffer. */
    void drop(Connection c) {
        batch.clear();
        c.releaseOutput(gauge);
    }

    private void writeBatch(Connection c) throws IOException {
        if (batch.position() == 0) {
            return;
        }
        batch.flip();
        try {
            wrote(c, c.socket.write(batch));
            if (batch.hasRemaining()) {
                queue(c, batch);
            }
        } finally {
            batch.clear();
        }
    }

    /** Appends what is left of {@code bytes} to the connection's own buffer. */
    private void queue(Connection c, ByteBuffer bytes) throws MemoryBudgetExceeded {
        if (c.outbound == null) {
            c.lastWriteProgress = clock.now(); // the write-timeout starts
        }
        c.outbound = gauge.ensureRoom(c.outbound, bytes.remaining(), maxQueued).put(bytes);
    }

    private void wrote(Connection c, long bytes) {
        if (bytes > 0) {
            counters.add(Counter.BYTES_OUT, bytes);
            c.lastActivity = clock.now();
            c.lastWriteProgress = c.lastActivity;
        }
    }
}
