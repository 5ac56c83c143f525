package dev.switchboard.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Datagrams from many source sockets that never read their replies: arbitrary bytes (most of them
 * not UTF-8), small and now and then large. The server owes them nothing but must go on answering
 * the well-behaved UDP clients. A send the kernel refuses (the server's port unreachable) is a refusal.
 */
final class UdpFlood implements SoakClient {

    static final int SOCKETS = 64;
    private static final double STEPS_PER_SECOND = 100;
    private static final int DATAGRAMS_PER_STEP = 20;
    private static final int PAYLOADS = 32;
    private static final int SMALL_BYTES = 512;
    private static final int LARGE_BYTES = 8 * 1024;
    /** Replies are never read: the kernel drops them once this is full. */
    private static final int RECEIVE_BUFFER_BYTES = 4 * 1024;

    private final InetSocketAddress server;
    private final Tally tally;
    private final List<DatagramChannel> sockets = new ArrayList<>();
    private final List<ByteBuffer> payloads = new ArrayList<>();
    private final Pace pace = new Pace(STEPS_PER_SECOND);
    private volatile boolean closed;
    private long sent;

    /**
     * @param server the UDP endpoint
     * @param tally the counts of this kind
     * @throws IOException if a socket cannot be bound (those bound are closed)
     */
    UdpFlood(InetSocketAddress server, Tally tally) throws IOException {
        this.server = server;
        this.tally = tally;
        Random random = new Random(1); // fixed: the same flood every run
        for (int i = 0; i < PAYLOADS; i++) {
            byte[] payload = new byte[1 + random.nextInt(i == 0 ? LARGE_BYTES : SMALL_BYTES)];
            random.nextBytes(payload);
            payloads.add(ByteBuffer.wrap(payload));
        }
        try {
            for (int i = 0; i < SOCKETS; i++) {
                DatagramChannel socket = DatagramChannel.open();
                sockets.add(socket);
                socket.configureBlocking(false);
                socket.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
                socket.bind(Loopback.hostileSource());
                tally.connections.increment(); // for UDP, a socket
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        for (int i = 0; i < DATAGRAMS_PER_STEP && !closed; i++) {
            long n = sent++;
            ByteBuffer payload = payloads.get((int) (n % PAYLOADS)).duplicate();
            try {
                if (sockets.get((int) (n % SOCKETS)).send(payload, server) > 0) {
                    tally.requests.increment();
                }
            } catch (IOException e) {
                if (!closed) {
                    tally.refusals.increment();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        for (DatagramChannel socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing more to do with it
            }
        }
    }
}
