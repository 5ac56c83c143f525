package dev.switchboard.transport.tcp;

import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The output side of one event loop: writes each reply straight from where it was built, with its
 * line terminator in the same (gathering) write, and copies only what the socket does not take
 * into the connection's own buffer, which is flushed when the socket is writable again and
 * released once empty.
 */
final class Outbound {

    private final ByteBuffer terminator = ByteBuffer.allocateDirect(LineDecoder.CRLF.length).put(LineDecoder.CRLF);
    private final ByteBuffer[] gather = new ByteBuffer[2];
    private final BufferGauge gauge;
    private final Counters.Shard counters;

    Outbound(BufferGauge gauge, Counters.Shard counters) {
        this.gauge = gauge;
        this.counters = counters;
    }

    /**
     * Sends {@code body} followed by the last {@code trailer} bytes of CRLF, after any reply still
     * waiting in the connection's buffer.
     */
    void send(Connection c, ByteBuffer body, int trailer, long now) throws IOException {
        ByteBuffer tail = trailer == 0 ? null : terminator.limit(LineDecoder.CRLF.length).position(LineDecoder.CRLF.length - trailer);
        if (c.outbound == null) {
            long written;
            if (tail == null) {
                written = c.channel.write(body);
            } else {
                gather[0] = body;
                gather[1] = tail;
                written = c.channel.write(gather);
            }
            wrote(c, written, now);
        }
        int unsent = body.remaining() + (tail == null ? 0 : tail.remaining());
        if (unsent > 0) {
            c.outbound = gauge.ensureRoom(c.outbound, unsent, Integer.MAX_VALUE).put(body);
            if (tail != null) {
                c.outbound.put(tail);
            }
        }
    }

    /** Writes what the connection's buffer holds, as far as the socket takes it. */
    void flush(Connection c, long now) throws IOException {
        ByteBuffer out = c.outbound.flip();
        wrote(c, c.channel.write(out), now);
        if (out.hasRemaining()) {
            out.compact();
        } else {
            drop(c);
        }
    }

    /** Forgets what the connection still had to send. */
    void drop(Connection c) {
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
