package dev.switchboard.soak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One connection that sends what the server must refuse and waits for the server to close it.
 * Closed (or reset) in time is a refusal, as it should be; still open after {@link #BOUND} is a
 * failure. Not thread-safe except for {@link #close}.
 */
final class RefusalProbe {

    /** How long the server may take to close a connection that sent what it must refuse. */
    static final Duration BOUND = TcpEchoClient.REPLY_TIMEOUT;
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;

    private final Tally tally;
    private final Findings findings;
    private volatile Socket socket;
    private volatile boolean closed;

    /**
     * @param tally the counts of the probing kind
     * @param findings where a probe the server did not refuse goes
     */
    RefusalProbe(Tally tally, Findings findings) {
        this.tally = tally;
        this.findings = findings;
    }

    /**
     * @param server where to connect
     * @param bytes what to send
     * @param what what the bytes are, for the message if they are not refused
     */
    void probe(InetSocketAddress server, byte[] bytes, String what) {
        Socket connection = new Socket();
        socket = connection;
        try {
            connection.bind(Loopback.hostileSource());
            connection.connect(server, CONNECT_TIMEOUT_MILLIS);
            tally.connections.increment();
            tally.requests.increment();
            connection.getOutputStream().write(bytes);
            if (closedWithin(connection, System.nanoTime() + BOUND.toNanos())) {
                tally.refusals.increment();
            } else if (!closed) {
                findings.failure(tally, what + " sent to " + server + " was not refused: the connection was still open "
                        + BOUND.toSeconds() + " s later");
            }
        } catch (IOException e) {
            if (!closed) {
                tally.refusals.increment(); // reset, or closed while we were still sending
            }
        } finally {
            close(connection);
        }
    }

    /** @return whether the server closed the connection by {@code deadline}; what it sends meanwhile is counted as replies */
    private boolean closedWithin(Socket connection, long deadline) throws IOException {
        InputStream in = connection.getInputStream();
        byte[] discard = new byte[4096];
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            connection.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            try {
                if (in.read(discard) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            }
            tally.replies.increment();
        }
        return false;
    }

    /** Ends a probe under way, from any thread. */
    void close() {
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
