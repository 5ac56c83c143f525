package dev.switchboard.soak;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A well-behaved TCP client: one connection that sends a request, reads its whole reply and checks
 * it byte for byte against the request's upper case, then sends the next. Every reply missing,
 * wrong or cut short by the server closing the connection is a failure.
 */
final class TcpEchoClient implements SoakClient {

    /** How long a reply may take: far beyond any pause of a healthy server on a loaded machine. */
    static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final double REQUESTS_PER_SECOND = 50;
    /** Every this many requests one is large, so that replies also arrive in several reads. */
    private static final int LARGE_EVERY = 100;
    private static final int LARGE_BYTES = 48 * 1024;
    private static final int SMALL_BYTES = 2_000;

    private final Framing framing;
    private final InetSocketAddress server;
    private final int number;
    private final Tally tally;
    private final Findings findings;
    private final Liveness liveness;
    private final int index;
    private final Pace pace = new Pace(REQUESTS_PER_SECOND);
    private volatile Socket socket;
    private volatile boolean closed;
    private long sequence;

    /**
     * @param framing its endpoint's framing
     * @param server its endpoint's address
     * @param number which of the endpoint's well-behaved clients it is, for messages
     * @param tally the counts of its kind
     * @param findings where failures go
     * @param liveness every well-behaved TCP client's last answer
     */
    TcpEchoClient(Framing framing, InetSocketAddress server, int number, Tally tally, Findings findings, Liveness liveness) {
        this.framing = framing;
        this.server = server;
        this.number = number;
        this.tally = tally;
        this.findings = findings;
        this.liveness = liveness;
        this.index = liveness.register(framing.endpoint());
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        Socket connection = socket != null ? socket : connect();
        if (connection == null) {
            return;
        }
        long n = sequence++;
        byte[] payload = Ascii.request(framing.endpoint() + " " + number + " #" + n + " ", n * 31 + number, size(n));
        byte[] expected = framing.expectedReply(payload);
        long sentAt = System.nanoTime();
        try {
            connection.getOutputStream().write(framing.frame(payload));
            tally.requests.increment();
            Received reply = read(connection, expected.length, sentAt + REPLY_TIMEOUT.toNanos());
            if (reply.timedOut) {
                fail(connection, "request #" + n + " (" + payload.length + " bytes) had no whole reply within "
                        + REPLY_TIMEOUT.toSeconds() + " s (" + reply.bytes.length + " of " + expected.length
                        + " bytes came); " + liveness.othersSince(index, sentAt));
            } else if (reply.bytes.length < expected.length) {
                tally.refusals.increment();
                fail(connection, "the server closed the connection after " + reply.bytes.length + " of "
                        + expected.length + " bytes of the reply to request #" + n);
            } else {
                Optional<String> mismatch = ReplyCheck.mismatch(expected, reply.bytes);
                if (mismatch.isPresent()) {
                    fail(connection, "wrong reply to request #" + n + ": " + mismatch.get());
                } else {
                    tally.replies.increment();
                    liveness.answered(index);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                tally.refusals.increment();
                fail(connection, "the connection failed during request #" + n + " (the server reset it?): " + e);
            }
        }
    }

    /** Sizes from 1 byte to {@value #SMALL_BYTES}, with a large one every {@value #LARGE_EVERY}. */
    private static int size(long n) {
        return n % LARGE_EVERY == LARGE_EVERY - 1 ? LARGE_BYTES : 1 + (int) (n * 7919 % SMALL_BYTES);
    }

    private Socket connect() {
        Socket connection = new Socket();
        try {
            connection.bind(Loopback.wellBehavedSource());
            connection.setTcpNoDelay(true);
            connection.connect(server, CONNECT_TIMEOUT_MILLIS);
            tally.connections.increment();
            socket = connection;
            if (closed) { // closed while connecting: do not leave this one open
                close();
                return null;
            }
            return connection;
        } catch (IOException e) {
            closeQuietly(connection);
            if (!closed) {
                findings.failure(tally, "client " + number + ": could not connect to " + server + ": " + e);
            }
            return null;
        }
    }

    private void fail(Socket connection, String what) {
        findings.failure(tally, "client " + number + ": " + what);
        socket = null; // a late reply would be taken for the next one's: start afresh
        closeQuietly(connection);
    }

    @Override
    public void close() {
        closed = true;
        Socket connection = socket;
        if (connection != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Socket connection) {
        try {
            connection.close();
        } catch (IOException e) {
            // closing is all that is left to do with it
        }
    }

    /** Reads up to {@code length} bytes by {@code deadline}; fewer if the server closes the connection or time runs out. */
    private static Received read(Socket connection, int length, long deadline) throws IOException {
        byte[] reply = new byte[length];
        InputStream in = connection.getInputStream();
        int count = 0;
        while (count < length) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return new Received(Arrays.copyOf(reply, count), true);
            }
            connection.setSoTimeout((int) left);
            int read;
            try {
                read = in.read(reply, count, length - count);
            } catch (SocketTimeoutException e) {
                return new Received(Arrays.copyOf(reply, count), true);
            }
            if (read < 0) {
                return new Received(Arrays.copyOf(reply, count), false);
            }
            count += read;
        }
        return new Received(reply, false);
    }

    private record Received(byte[] bytes, boolean timedOut) {}
}
