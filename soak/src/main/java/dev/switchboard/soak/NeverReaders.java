package dev.switchboard.soak;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connections that send whole, valid requests as fast as the server takes them and never read a
 * reply, spread over the TCP endpoints: the server must stop reading from them (or close them)
 * rather than hold their replies without bound. The requests are "ΐ" over and over, whose upper
 * case "Ϊ́" is three times as long in UTF-8: the most a request can make the server hold. A
 * connection the server closes is a refusal, and is opened again at the next step.
 */
final class NeverReaders implements SoakClient {

    /** Two bytes in UTF-8, six once upper-cased (U+0399 U+0308 U+0301). */
    static final String TRIPLED_BY_UPPER_CASE = "\u0390";
    private static final int REQUEST_BYTES = 1_000;
    private static final int REQUESTS_PER_STREAM = 64;
    /** Connections opened per step, so that hundreds do not arrive in one instant. */
    private static final int OPENS_PER_STEP = 50;
    private static final int WRITE_BYTES_PER_STEP = 64 * 1024;
    private static final double STEPS_PER_SECOND = 10;

    private final Tally tally;
    private final List<Slot> slots = new ArrayList<>();
    private final Pace pace = new Pace(STEPS_PER_SECOND);
    private volatile boolean closed;

    /**
     * @param count how many connections
     * @param endpoints the TCP endpoints, taken in turn
     * @param tally the counts of this kind
     */
    NeverReaders(int count, Map<Framing, InetSocketAddress> endpoints, Tally tally) {
        this.tally = tally;
        List<Framing> framings = List.copyOf(endpoints.keySet());
        for (int i = 0; i < count; i++) {
            Framing framing = framings.get(i % framings.size());
            slots.add(new Slot(endpoints.get(framing), stream(framing)));
        }
    }

    /** Whole requests back to back, so that writing it again and again keeps the framing intact. */
    private static byte[] stream(Framing framing) {
        byte[] frame = framing.frame(TRIPLED_BY_UPPER_CASE.repeat(REQUEST_BYTES / 2).getBytes(UTF_8));
        ByteBuffer stream = ByteBuffer.allocate(frame.length * REQUESTS_PER_STREAM);
        for (int i = 0; i < REQUESTS_PER_STREAM; i++) {
            stream.put(frame);
        }
        return stream.array();
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        int opened = 0;
        for (Slot slot : slots) {
            if (closed) {
                return;
            }
            try {
                if (slot.channel == null) {
                    if (opened++ < OPENS_PER_STEP) {
                        slot.channel = HostileConnection.open(slot.server);
                        tally.connections.increment();
                    }
                } else if (slot.channel.isConnected() || slot.channel.finishConnect()) {
                    slot.write();
                }
            } catch (IOException e) {
                tally.refusals.increment();
                HostileConnection.close(slot.channel);
                slot.channel = null;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        slots.forEach(slot -> HostileConnection.close(slot.channel));
    }

    /** One connection and where it is in its stream of requests. */
    private final class Slot {
        final InetSocketAddress server;
        final ByteBuffer stream;
        final int frameBytes;
        volatile SocketChannel channel;
        long sent;

        Slot(InetSocketAddress server, byte[] stream) {
            this.server = server;
            this.stream = ByteBuffer.wrap(stream);
            this.frameBytes = stream.length / REQUESTS_PER_STREAM;
        }

        /** Writes until the socket takes no more or this step's share is sent; counts the requests completed. */
        void write() throws IOException {
            int budget = WRITE_BYTES_PER_STEP;
            while (budget > 0) {
                if (!stream.hasRemaining()) {
                    stream.rewind();
                }
                int written = channel.write(stream);
                if (written == 0) {
                    return;
                }
                budget -= written;
                tally.requests.add((sent + written) / frameBytes - sent / frameBytes);
                sent += written;
            }
        }
    }
}
