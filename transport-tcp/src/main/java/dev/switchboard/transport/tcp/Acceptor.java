package dev.switchboard.transport.tcp;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Refusal;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The welcoming socket's thread: accepts connections, turns away those beyond
 * {@code max-connections}, and hands the others to the event loops in turn. Ends when the
 * listening channel is closed.
 */
final class Acceptor implements Runnable {

    /** After a failed accept, such as running out of file descriptors, wait this long before the next. */
    private static final long FAILURE_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ServerSocketChannel server;
    private final List<EventLoop> loops;
    private final Endpoint endpoint;
    private final Counters.Shard counters;
    private int next;

    /**
     * @param server the bound listening channel, in blocking mode
     * @param loops the loops to hand connections to
     * @param endpoint what is served
     * @param counters the shard this thread counts in
     */
    Acceptor(ServerSocketChannel server, List<EventLoop> loops, Endpoint endpoint, Counters.Shard counters) {
        this.server = server;
        this.loops = loops;
        this.endpoint = endpoint;
        this.counters = counters;
    }

    @Override
    public void run() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) { // the transport is stopping
                return;
            } catch (IOException e) {
                counters.failed(Failure.IO);
                endpoint.log().log(WARNING, Failure.IO, () -> "accepting a connection failed: " + e);
                LockSupport.parkNanos(FAILURE_BACKOFF_NANOS);
                continue;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        int max = endpoint.settings().maxConnections();
        if (endpoint.openConnections().get() >= max) {
            counters.refused(Refusal.MAX_CONNECTIONS);
            endpoint.log().log(WARNING, Refusal.MAX_CONNECTIONS,
                    () -> "closed a new connection at once: " + max + " are open (max-connections)");
            closeQuietly(channel);
            return;
        }
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) { // the client already left
            closeQuietly(channel);
            return;
        }
        // Only this thread increments, so checking first and incrementing after is exact.
        endpoint.openConnections().incrementAndGet();
        counters.increment(Counter.CONNECTIONS_ACCEPTED);
        loops.get(next).adopt(channel);
        next = (next + 1) % loops.size();
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) { // nothing more can be done for a connection being turned away
        }
    }
}
