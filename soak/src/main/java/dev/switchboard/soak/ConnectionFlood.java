package dev.switchboard.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Bursts of connections opened one after another and then all closed without a word, over the TCP
 * endpoints in turn. A connection that cannot be opened is a refusal.
 */
final class ConnectionFlood implements SoakClient {

    private static final int BURST = 50;
    /** Two bursts a second: 100 connections a second, each in TIME_WAIT on our side for a minute after. */
    private static final double BURSTS_PER_SECOND = 2;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final List<InetSocketAddress> servers;
    private final Tally tally;
    private final Pace pace = new Pace(BURSTS_PER_SECOND);
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;
    private int next;

    /**
     * @param endpoints the TCP endpoints, taken in turn
     * @param tally the counts of this kind
     */
    ConnectionFlood(Map<Framing, InetSocketAddress> endpoints, Tally tally) {
        this.servers = List.copyOf(endpoints.values());
        this.tally = tally;
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        for (int i = 0; i < BURST && !closed; i++) {
            Socket socket = new Socket();
            synchronized (open) {
                open.add(socket);
            }
            try {
                socket.bind(Loopback.hostileSource());
                socket.connect(servers.get(next++ % servers.size()), CONNECT_TIMEOUT_MILLIS);
                tally.connections.increment();
            } catch (IOException e) {
                if (!closed) {
                    tally.refusals.increment();
                }
            }
        }
        closeOpen();
    }

    @Override
    public void close() {
        closed = true;
        closeOpen();
    }

    private void closeOpen() {
        synchronized (open) {
            open.forEach(ConnectionFlood::closeQuietly);
            open.clear();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
