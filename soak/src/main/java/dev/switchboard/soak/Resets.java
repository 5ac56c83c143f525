package dev.switchboard.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Connections that send part of a request, or a whole one, and then reset the connection
 * ({@code SO_LINGER} 0: a RST rather than a FIN) before any reply: the server must let go of
 * whatever it held for them. A connection that cannot be opened is a refusal.
 */
final class Resets implements SoakClient {

    private static final double PER_SECOND = 50;
    private static final int REQUEST_BYTES = 3_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final List<Map.Entry<Framing, InetSocketAddress>> endpoints;
    private final Tally tally;
    private final Pace pace = new Pace(PER_SECOND);
    private volatile Socket socket;
    private volatile boolean closed;
    private long sequence;

    /**
     * @param endpoints the TCP endpoints, taken in turn
     * @param tally the counts of this kind
     */
    Resets(Map<Framing, InetSocketAddress> endpoints, Tally tally) {
        this.endpoints = List.copyOf(endpoints.entrySet());
        this.tally = tally;
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        long n = sequence++;
        Map.Entry<Framing, InetSocketAddress> endpoint = endpoints.get((int) (n % endpoints.size()));
        byte[] request = endpoint.getKey().frame(Ascii.text(n, REQUEST_BYTES));
        // every other one stops in the middle of its request
        byte[] sent = n % 2 == 0 ? Arrays.copyOf(request, request.length / 2) : request;
        Socket connection = new Socket();
        socket = connection;
        try {
            connection.bind(Loopback.hostileSource());
            connection.connect(endpoint.getValue(), CONNECT_TIMEOUT_MILLIS);
            tally.connections.increment();
            connection.setSoLinger(true, 0);
            connection.getOutputStream().write(sent);
            tally.requests.increment();
        } catch (IOException e) {
            if (!closed) {
                tally.refusals.increment();
            }
        } finally {
            close(connection);
        }
    }

    @Override
    public void close() {
        closed = true;
        Socket connection = socket;
        if (connection != null) {
            close(connection);
        }
    }

    private static void close(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
