package dev.switchboard.transport.stream;

import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;

/**
 * What one loop does when a connection's socket is ready, and when a blocking service's reply comes
 * back from a worker: the one place where the read path (socket, {@link Inbound}, {@link Pipeline},
 * {@link Outbound}) and the write path (a writable socket draining below the low watermark, which
 * resumes decoding) meet. Each event ends with {@link Connections#settle}. Used by the loop's thread
 * only.
 */
final class ConnectionEvents implements Poller.ReadyHandler {

    private final Clock clock;
    private final Inbound inbound;
    private final Outbound outbound;
    private final Connections connections;
    private final WorkerLane lane;

    /** @param lane where a blocking service's requests run, or null */
    ConnectionEvents(Clock clock, Inbound inbound, Outbound outbound, Connections connections, WorkerLane lane) {
        this.clock = clock;
        this.inbound = inbound;
        this.outbound = outbound;
        this.connections = connections;
        this.lane = lane;
    }

    /** A connection's socket is ready: writes what waits, reads what came. */
    @Override
    public void ready(StreamSocket socket, int ready) {
        Connection c = (Connection) socket.attachment();
        clock.tick();
        try {
            if ((ready & Poller.WRITE) != 0 && outbound.flush(c)) {
                inbound.decodeHeld(c);
            }
            if ((ready & Poller.READ) != 0 && c.wantsInput()) {
                onReadable(c);
            }
            connections.settle(c);
        } catch (IOException e) {
            connections.lost(c, e);
        } catch (RuntimeException e) {
            connections.broke(c, e);
        }
    }

    /**
     * The transport is stopping: reads once what an open connection's client has already sent, so
     * that the requests the kernel holds for it (those of a connection accepted during the stop
     * among them) are answered before reading stops.
     */
    void readWaiting(Connection c) {
        if (c.state != Connection.State.OPEN || !c.wantsInput()) {
            return;
        }
        clock.tick();
        try {
            onReadable(c);
            connections.settle(c);
        } catch (IOException e) {
            connections.lost(c, e);
        } catch (RuntimeException e) {
            connections.broke(c, e);
        }
    }

    private void onReadable(Connection c) throws IOException {
        if (c.state == Connection.State.LINGERING) {
            if (inbound.discard(c) < 0) {
                connections.close(c);
            }
        } else if (inbound.read(c) < 0) {
            c.peerClosed = true;
            connections.beginClosing(c);
        }
    }

    /** A worker answered a request: sends the reply, resumes reading if that drained enough. */
    void answered(WorkerRequest work) {
        Connection c = work.connection;
        try {
            if (!lane.complete(work)) {
                return;
            }
            if (outbound.resumeBelowLowWatermark(c)) {
                inbound.decodeHeld(c);
            }
            connections.settle(c);
        } catch (IOException e) {
            connections.lost(c, e);
        } catch (RuntimeException e) {
            connections.broke(c, e);
        }
    }
}
