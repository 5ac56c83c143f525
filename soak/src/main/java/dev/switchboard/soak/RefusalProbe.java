package dev.switchboard.soak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

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
            connection.setSoTimeout((int) BOUND.toMillis());
            InputStream in = connection.getInputStream();
            byte[] discard = new byte[4096];
            while (in.read(discard) >= 0) {
                tally.replies.increment(); // counted, not judged: what must happen is the close
            }
            tally.refusals.increment();
        } catch (SocketTimeoutException e) {
            if (!closed) {
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
