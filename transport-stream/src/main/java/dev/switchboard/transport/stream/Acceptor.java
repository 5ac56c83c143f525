package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.transport.Closeables;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import dev.switchboard.transport.stream.io.Listener;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The listening socket's thread: accepts connections, turns away those beyond
 * {@code max-connections} and those its {@link SourceAdmission} refuses for their peer, has the
 * binding set up the others and hands them to the loops in turn. A connection from a balancer that
 * {@code proxy-protocol-trusted} lists is admitted for its client once its loop has read the PROXY
 * protocol header ({@link ProxyHeaderStage}), not for the balancer's address.
 *
 * <p>{@link #drain} ends it: it accepts what the kernel has queued until the queue is empty, then
 * closes the listening channel itself, so that no connection the kernel completed for this listener
 * is reset by its closing (docs/DECISIONS.md). It also ends when the listening channel is closed,
 * and, leaving it open, when it {@linkplain #handOver hands it over} to a successor's acceptor.
 */
final class Acceptor implements Runnable {

    /** After a failed accept, such as running out of file descriptors, wait this long before the next. */
    private static final long FAILURE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Listener server;
    private final List<SelectorLoop> loops;
    private final Endpoint endpoint;
    private final Counters.Shard counters;
    private final Incidents incidents;
    private final SourceAdmission admission;
    private int next;
    private volatile boolean draining;
    private volatile boolean handingOver;
    private volatile long drainDeadline;

    /**
     * @param server the bound listening socket, of the same {@link IoPath} as the loops
     * @param loops the loops to hand connections to
     * @param endpoint what is served
     * @param counters the shard this thread counts in
     */
    Acceptor(Listener server, List<SelectorLoop> loops, Endpoint endpoint, Counters.Shard counters) {
        this.server = server;
        this.loops = loops;
        this.endpoint = endpoint;
        this.counters = counters;
        this.incidents = endpoint.served().incidents(counters);
        this.admission = endpoint.admission();
    }

    /**
     * Has the acceptor take what the kernel has queued, close the listening channel once the queue
     * is empty, and end. Safe from any thread.
     *
     * @param deadline when to close the listening channel even if connections keep coming, in
     *     {@link System#nanoTime()} terms
     */
    void drain(long deadline) {
        drainDeadline = deadline;
        draining = true;
        server.wakeUp();
    }

    /**
     * Has the acceptor end before its next accept, leaving the listening channel open: another
     * acceptor, waiting on it already, takes what the kernel queues from then on. Safe from any
     * thread.
     */
    void handOver() {
        handingOver = true;
        server.wakeUp();
    }

    @Override
    public void run() {
        try {
            accept();
        } catch (Throwable e) { // no connection to blame: nothing would accept again
            endpoint.served().serviceThreadDied(e);
        }
    }

    private void accept() throws IOException {
        while (!handingOver) {
            StreamSocket channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) { // the transport is stopping
                return;
            } catch (IOException e) {
                incidents.failed(Failure.IO, () -> "accepting a connection failed: " + e, null);
                LockSupport.parkNanos(FAILURE_BACKOFF_NANOS);
                continue;
            }
            if (channel != null) {
                admit(channel);
            }
            if (draining && (channel == null || System.nanoTime() - drainDeadline >= 0)) {
                Closeables.closeQuietly(server); // the queue is empty (or the grace over): nothing queued is reset
                return;
            }
            if (channel == null) {
                server.await();
            }
        }
    }

    private void admit(StreamSocket channel) {
        int max = endpoint.settings().maxConnections();
        if (endpoint.openConnections().total() >= max) {
            incidents.refused(Refusal.MAX_CONNECTIONS,
                    () -> "closed a new connection at once: " + max + " are open (max-connections)");
            Closeables.closeQuietly(channel);
            return;
        }
        SourceKey source = null;
        boolean counted = false;
        try {
            SocketAddress peer = channel.remoteAddress();
            if (endpoint.settings().proxyProtocol().expectsHeaderFrom(peer)) {
                // a balancer's: admitted for its client once its loop has read whom it carries
                endpoint.openConnections().opened(null);
            } else {
                source = admission.sourceOf(peer);
                Refusal refusal = admission.open(peer, source, System.nanoTime());
                if (refusal != null) {
                    incidents.refused(refusal, () -> admission.explain(refusal, peer));
                    Closeables.closeQuietly(channel);
                    return;
                }
            }
            counted = true;
            server.configure(channel);
        } catch (IOException e) { // the client already left
            abandon(channel, counted, source);
            return;
        } catch (RuntimeException e) { // a binding's bug costs the connection, not the acceptor
            endpoint.served().logger().log(ERROR, "could not set up a new connection", e);
            abandon(channel, counted, source);
            return;
        }
        counters.increment(Counter.CONNECTIONS_ACCEPTED);
        endpoint.served().observer().connectionOpened();
        loops.get(next).adopt(channel, source);
        next = (next + 1) % loops.size();
    }

    private void abandon(StreamSocket channel, boolean counted, SourceKey source) {
        Closeables.closeQuietly(channel);
        if (counted) {
            endpoint.openConnections().closed(source);
        }
    }
}
