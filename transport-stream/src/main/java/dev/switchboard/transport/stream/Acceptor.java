package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.transport.Closeables;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The listening socket's thread: accepts connections, turns away those beyond
 * {@code max-connections} and those its {@link SourceAdmission} refuses for their peer, has the
 * binding set up the others and hands them to the loops in turn.
 * Ends when the listening channel is closed.
 */
final class Acceptor implements Runnable {

    /** After a failed accept, such as running out of file descriptors, wait this long before the next. */
    private static final long FAILURE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerSocketChannel server;
    private final List<SelectorLoop> loops;
    private final Endpoint endpoint;
    private final Counters.Shard counters;
    private final Incidents incidents;
    private final SourceAdmission admission;
    private int next;

    /**
     * @param server the bound listening channel, in blocking mode
     * @param loops the loops to hand connections to
     * @param endpoint what is served
     * @param counters the shard this thread counts in
     */
    Acceptor(ServerSocketChannel server, List<SelectorLoop> loops, Endpoint endpoint, Counters.Shard counters) {
        this.server = server;
        this.loops = loops;
        this.endpoint = endpoint;
        this.counters = counters;
        this.incidents = endpoint.served().incidents(counters);
        this.admission = new SourceAdmission(endpoint.settings().sourceLimits(), endpoint.openConnections());
    }

    @Override
    public void run() {
        try {
            accept();
        } catch (Throwable e) { // no connection to blame: nothing would accept again
            endpoint.served().serviceThreadDied(e);
        }
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) { // the transport is stopping
                return;
            } catch (IOException e) {
                incidents.failed(Failure.IO, () -> "accepting a connection failed: " + e, null);
                LockSupport.parkNanos(FAILURE_BACKOFF_NANOS);
                continue;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        int max = endpoint.settings().maxConnections();
        if (endpoint.openConnections().total() >= max) {
            incidents.refused(Refusal.MAX_CONNECTIONS,
                    () -> "closed a new connection at once: " + max + " are open (max-connections)");
            Closeables.closeQuietly(channel);
            return;
        }
        SourceKey source;
        try {
            SocketAddress peer = channel.getRemoteAddress();
            source = admission.sourceOf(peer);
            Refusal refusal = admission.check(peer, source, System.nanoTime());
            if (refusal != null) {
                incidents.refused(refusal, () -> admission.explain(refusal, peer));
                Closeables.closeQuietly(channel);
                return;
            }
            channel.configureBlocking(false);
            endpoint.binding().configure(channel);
        } catch (IOException e) { // the client already left
            Closeables.closeQuietly(channel);
            return;
        } catch (RuntimeException e) { // a binding's bug costs the connection, not the acceptor
            endpoint.served().logger().log(ERROR, "could not set up a new connection", e);
            Closeables.closeQuietly(channel);
            return;
        }
        // Only this thread increments, so checking first and incrementing after is exact.
        endpoint.openConnections().opened(source);
        counters.increment(Counter.CONNECTIONS_ACCEPTED);
        endpoint.served().observer().connectionOpened();
        loops.get(next).adopt(channel, source);
        next = (next + 1) % loops.size();
    }
}
