package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.ReplyTooLargeException;
import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Closeables;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import dev.switchboard.transport.stream.Connection.State;
import java.io.IOException;
import java.lang.System.Logger.Level;
import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The life cycle of one loop's connections: registered when adopted, then open, draining on stop,
 * closing once refused, failed or ended by the client, lingering once our side is shut, closed.
 * Every path that changes a connection's state goes through here, and every event on a connection
 * ends with {@link #settle}, which writes its batched replies and keeps its interest ops current.
 * Used by the loop's thread only, but for {@link #abandon}.
 */
final class Connections {

    private static final Object PEER_GONE = "peer-gone";

    private final Endpoint endpoint;
    private final Poller poller;
    private final Clock clock;
    private final Outbound outbound;
    private final BufferGauge gauge;
    private final Counters.Shard counters;
    private final Incidents incidents;
    private int open;
    /** A stop gave up on this loop: it closed the channels and counted the connections. */
    private volatile boolean abandoned;

    Connections(Endpoint endpoint, Poller poller, Clock clock, Outbound outbound, BufferGauge gauge,
            Counters.Shard counters, Incidents incidents) {
        this.endpoint = endpoint;
        this.poller = poller;
        this.clock = clock;
        this.outbound = outbound;
        this.gauge = gauge;
        this.counters = counters;
        this.incidents = incidents;
    }

    /** @return the connections registered and not yet closed */
    int count() {
        return open;
    }

    /** Registers a newly accepted connection for reading; {@code source} is what the acceptor counted it in with. */
    void register(StreamSocket socket, SourceKey source) {
        try {
            SocketAddress peer = socket.remoteAddress();
            RequestContext context = endpoint.served().requestContext(peer, socket.localAddress());
            Connection c = new Connection(socket, context, source, clock.now());
            c.proxyStage = ProxyHeaderStage.initial(endpoint.settings().proxyProtocol(), peer);
            c.since = c.lastActivity; // a header is awaited from now, within frame-timeout
            poller.register(socket, Poller.READ, c);
            open++;
        } catch (IOException | RuntimeException e) { // the client left before its connection was registered
            Closeables.closeQuietly(socket);
            countEnd(source);
        }
    }

    /** No more requests from this connection: the replies already due go out, then it closes. */
    void beginClosing(Connection c) {
        if (c.isTakingRequests()) {
            c.state = State.CLOSING;
            c.readPaused = false;
            c.memoryPaused = false;
            c.releaseInput(gauge);
        }
    }

    /** Counts and logs a refusal, and ends the connection's requests. */
    void refuse(Connection c, Refusal refusal, Level level, Supplier<String> message) {
        incidents.refused(refusal, level, message);
        beginClosing(c);
    }

    /** A request got no reply because its service threw: the connection closes after the replies already due. */
    void replyFailed(Connection c, Throwable failure) {
        if (abandoned) {
            // interrupted by the stop that gave up on this loop, which counted the connection as cut
        } else if (failure instanceof ReplyTooLargeException) {
            incidents.refused(Refusal.REPLY_TOO_LARGE, () -> "closing the connection from " + peer(c)
                    + ": " + failure.getMessage() + " (max-reply-bytes)");
        } else {
            incidents.failed(Failure.SERVICE, () -> "closing the connection from " + peer(c)
                    + ": the service failed on its request", failure);
        }
        c.releaseWaiting(gauge);
        beginClosing(c);
    }

    /**
     * Writes the replies batched for {@code c} (every path that handles its requests ends here), then
     * ends a closing or draining connection once every reply due is sent: closes it if its client
     * already shut its side, else shuts ours and lingers. Keeps the interest ops current.
     */
    void settle(Connection c) throws IOException {
        outbound.endBatch(c);
        if ((c.state == State.CLOSING || c.state == State.DRAINING) && c.isSettled()) {
            if (c.peerClosed) {
                close(c);
                return;
            }
            // Closing with unread input would reset the connection, and a reset can destroy
            // replies the client has not read yet: shut our side and read until the client closes.
            c.releaseInput(gauge);
            c.socket.shutdownOutput();
            c.state = State.LINGERING;
            c.since = clock.now();
        }
        if (c.state != State.CLOSED) {
            int ops = (c.wantsInput() ? Poller.READ : 0) | (c.outbound != null ? Poller.WRITE : 0);
            if (c.socket.interest() != ops) {
                c.socket.interest(ops);
            }
        }
    }

    /** An I/O error: a client resetting or vanishing is a normal event; anything else is counted. */
    void lost(Connection c, IOException e) {
        if (abandoned) {
            // the stop closed its channel: not an I/O error
        } else if (e instanceof MemoryBudgetExceeded) {
            incidents.refused(Refusal.MEMORY_BUDGET, WARNING, () -> "closing the connection from " + peer(c) + ": "
                    + e.getMessage() + " (switchboard.memory-budget, " + gauge.budget().limit() + " bytes)");
        } else if (isPeerGone(e)) {
            endpoint.served().log().log(DEBUG, PEER_GONE, () -> "the connection from " + peer(c) + " ended: " + e.getMessage());
        } else {
            incidents.failed(Failure.IO, () -> "closing the connection from " + peer(c) + ": " + e, null);
        }
        close(c);
    }

    /** A bug, ours or the platform's, costs the connection it hit rather than the loop and all its connections. */
    void broke(Connection c, RuntimeException e) {
        if (!abandoned) {
            endpoint.served().logger().log(ERROR, "closing the connection from " + peer(c) + " after an unexpected failure", e);
        }
        close(c);
    }

    private static boolean isPeerGone(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("reset") || message.contains("broken pipe") || message.contains("timed out")
                || message.contains("forcibly closed") || message.contains("aborted");
    }

    /** Closes the connection at once, dropping whatever it still had to send or handle. */
    void close(Connection c) {
        if (c.state == State.CLOSED) {
            return;
        }
        c.state = State.CLOSED;
        Closeables.closeQuietly(c.socket);
        c.releaseInput(gauge);
        outbound.drop(c);
        c.releaseWaiting(gauge);
        open--;
        if (c.claimEnd()) {
            countEnd(c.source);
        }
    }

    private void countEnd(SourceKey source) {
        endpoint.openConnections().closed(source);
        counters.increment(Counter.CONNECTIONS_CLOSED);
        endpoint.served().observer().connectionClosed();
    }

    /** Runs {@code action} on every connection not yet closed. */
    void forEach(Consumer<Connection> action) {
        poller.forEach(socket -> {
            Connection c = (Connection) socket.attachment();
            if (c.state != State.CLOSED) {
                action.accept(c);
            }
        });
    }

    /** The transport is stopping: stops reading new requests; those received are still answered. */
    void drainAll() {
        forEach(c -> {
            if (c.state == State.OPEN) {
                c.state = State.DRAINING;
                try {
                    settle(c);
                } catch (IOException e) {
                    lost(c, e);
                }
            }
        });
    }

    /**
     * Closes whatever is still open when the loop ends; during a stop, that is what the grace period
     * cut, which is counted.
     *
     * @param stopping whether the loop ends because the transport stops
     */
    void closeAll(boolean stopping) {
        if (abandoned) { // counted by the abandoning thread: only the sockets are left to release
            poller.forEach(Closeables::closeQuietly);
            return;
        }
        forEach(c -> {
            if (stopping && c.state != State.LINGERING) {
                incidents.refused(Refusal.SHUTDOWN_TIMEOUT, () -> "closed the connection from " + peer(c)
                        + " with replies still due: the shutdown grace period ran out");
            }
            close(c);
        });
    }

    /**
     * From the thread stopping the transport, when this loop's thread is stuck in a service past the
     * grace period: {@linkplain StreamSocket#cut() cuts} every connection, counting in
     * {@code stopCounters} those whose end the loop has not counted yet. The loop, if it ever
     * returns, then releases the sockets quietly.
     *
     * @param stopCounters a shard that several threads may write
     * @return how many connections were cut
     */
    int abandon(Counters.Shard stopCounters) {
        abandoned = true;
        int[] cut = {0};
        // The poller's connections are safe to visit while the loop's thread, stuck in a service, leaves them alone.
        poller.forEach(socket -> {
            cutQuietly(socket);
            Connection c = (Connection) socket.attachment();
            if (c != null && c.claimEnd()) {
                cut[0]++;
                endpoint.openConnections().closed(c.source);
                stopCounters.increment(Counter.CONNECTIONS_CLOSED);
                stopCounters.refused(Refusal.SHUTDOWN_TIMEOUT);
                endpoint.served().observer().connectionClosed();
                endpoint.served().observer().refused(Refusal.SHUTDOWN_TIMEOUT.reason());
            }
        });
        return cut[0];
    }

    private static void cutQuietly(StreamSocket socket) {
        try {
            socket.cut();
        } catch (IOException e) {
            // already ended by its client: nothing left to cut
        }
    }

    /** @return the connection's client, for messages */
    String peer(Connection c) {
        return Addresses.format(c.context.remoteAddress());
    }
}
