package dev.switchboard.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Connections that each trickle one request that never completes, a byte a second: the server must
 * close them at its frame timeout. A closed connection is a refusal, and is opened again at the next step.
 */
final class Slowloris implements SoakClient {

    static final int PER_ENDPOINT = 20;
    /** Longer than a frame timeout lasts at a byte a second. */
    private static final int UNFINISHED_BYTES = 200;
    private static final double STEPS_PER_SECOND = 1;

    private final Tally tally;
    private final List<Slot> slots = new ArrayList<>();
    private final Pace pace = new Pace(STEPS_PER_SECOND);
    private final ByteBuffer discard = ByteBuffer.allocate(4096);
    private volatile boolean closed;

    /**
     * @param endpoints the TCP endpoints, {@value #PER_ENDPOINT} connections each
     * @param tally the counts of this kind
     */
    Slowloris(Map<Framing, InetSocketAddress> endpoints, Tally tally) {
        this.tally = tally;
        endpoints.forEach((framing, server) -> {
            for (int i = 0; i < PER_ENDPOINT; i++) {
                slots.add(new Slot(server, framing.unfinishedRequest(UNFINISHED_BYTES)));
            }
        });
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public void step(long deadline) throws InterruptedException {
        pace.await(deadline);
        for (Slot slot : slots) {
            if (closed) {
                return;
            }
            try {
                if (slot.channel == null) {
                    slot.channel = HostileConnection.open(slot.server);
                    slot.sent = 0;
                    tally.connections.increment();
                    tally.requests.increment();
                } else if (slot.channel.isConnected() || slot.channel.finishConnect()) {
                    trickle(slot);
                }
            } catch (IOException e) {
                closedOnUs(slot);
            }
        }
    }

    /** Notices a close (or an answer to what was sent so far, which raw framing may give), then sends one more byte. */
    private void trickle(Slot slot) throws IOException {
        discard.clear();
        int read = slot.channel.read(discard);
        if (read < 0) {
            closedOnUs(slot);
            return;
        }
        if (read > 0) {
            tally.replies.increment();
        }
        if (slot.sent < slot.unfinished.length) {
            slot.sent += slot.channel.write(ByteBuffer.wrap(slot.unfinished, slot.sent, 1));
        }
    }

    private void closedOnUs(Slot slot) {
        tally.refusals.increment();
        HostileConnection.close(slot.channel);
        slot.channel = null;
    }

    @Override
    public void close() {
        closed = true;
        slots.forEach(slot -> HostileConnection.close(slot.channel));
    }

    /** One connection and how much of its unfinished request it has sent. */
    private static final class Slot {
        final InetSocketAddress server;
        final byte[] unfinished;
        volatile SocketChannel channel;
        int sent;

        Slot(InetSocketAddress server, byte[] unfinished) {
            this.server = server;
            this.unfinished = unfinished;
        }
    }
}
