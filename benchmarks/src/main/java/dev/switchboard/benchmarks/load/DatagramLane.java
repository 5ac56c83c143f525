package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;

/**
 * A UDP socket with {@code depth} datagrams outstanding. Each reply is matched with its request
 * through the lane and sequence number it names, then checked byte for byte. A request unanswered
 * within the timeout is counted lost and replaced by a new one, so that the window never shrinks;
 * should its reply still arrive, it is counted late and otherwise ignored.
 */
final class DatagramLane implements Lane {

    private final int id;
    private final String name;
    private final InetSocketAddress server;
    private final Payload payload;
    private final long timeoutNanos;
    private final Exchange[] window;
    private final boolean[] unsent;
    private final ByteBuffer out;
    private ClientLoop loop;
    private DatagramChannel channel;
    private SelectionKey key;
    private long sequence;

    /**
     * @param depth the datagrams outstanding at once
     * @param timeoutNanos how long a reply may take before its request counts as lost
     */
    DatagramLane(int id, InetSocketAddress server, Payload payload, int depth, long timeoutNanos) {
        this.id = id;
        this.name = "udp socket " + id;
        this.server = server;
        this.payload = payload;
        this.timeoutNanos = timeoutNanos;
        this.window = new Exchange[depth];
        this.unsent = new boolean[depth];
        for (int i = 0; i < depth; i++) {
            window[i] = payload.newExchange();
        }
        this.out = ByteBuffer.allocateDirect(payload.size());
    }

    @Override
    public void open(ClientLoop loop) throws IOException {
        this.loop = loop;
        channel = DatagramChannel.open();
        channel.connect(server);
        channel.configureBlocking(false);
        key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        for (int i = 0; i < window.length; i++) {
            sendNew(i, System.nanoTime());
        }
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (key.isReadable()) {
            receive();
        }
        if (key.isValid() && key.isWritable()) {
            key.interestOps(SelectionKey.OP_READ);
            for (int i = 0; i < window.length; i++) {
                if (unsent[i]) {
                    send(i, System.nanoTime());
                }
            }
        }
    }

    @Override
    public long deadline() {
        long deadline = Long.MAX_VALUE;
        for (int i = 0; i < window.length; i++) {
            if (window[i].pending && !unsent[i]) {
                deadline = Math.min(deadline, window[i].sentAt + timeoutNanos);
            }
        }
        return deadline;
    }

    @Override
    public void deadlineReached(long now) throws IOException {
        for (int i = 0; i < window.length; i++) {
            Exchange exchange = window[i];
            if (exchange.pending && !unsent[i] && exchange.sentAt + timeoutNanos <= now) {
                loop.recorder().lost(now);
                sendNew(i, now);
            }
        }
    }

    @Override
    public void close() {
        Connections.closeQuietly(channel);
    }

    /**
     * Reads at most one window of replies: a socket that read on while its new requests came back
     * would keep the loop to itself, and the other sockets' replies would wait in their queues,
     * against a server fast enough to answer within the loop's pass (measured: p50 50 µs, p99 7 ms).
     */
    private void receive() throws IOException {
        for (int reads = 0; reads < window.length; reads++) {
            ByteBuffer in = loop.readBuffer();
            int read;
            try {
                read = channel.read(in);
            } catch (PortUnreachableException e) {
                throw new LoadFailure("no UDP server at " + server.getHostString() + ":" + server.getPort()
                        + " (port unreachable): is the server running?", e);
            }
            if (read <= 0) {
                return;
            }
            in.flip();
            long now = System.nanoTime();
            int slot = slotOf(in, now);
            if (slot >= 0) {
                Exchange exchange = window[slot];
                if (in.remaining() != payload.size()) {
                    throw new LoadFailure("wrong reply on " + name + " to request #" + exchange.sequence
                            + ": " + in.remaining() + " bytes, expected " + payload.size());
                }
                int mismatch = in.mismatch(exchange.expected.clear());
                if (mismatch >= 0) {
                    throw LoadFailure.wrongReply(name, exchange, mismatch, in, 0);
                }
                loop.recorder().completed(exchange.sentAt, now, payload.size());
                sendNew(slot, now);
            }
        }
    }

    /** @return the window slot awaiting the reply in {@code in}, or -1 for a late reply */
    private int slotOf(ByteBuffer in, long now) {
        long replySequence = Payload.sequenceOf(in);
        int lane = Payload.laneOf(in);
        if (lane == id) {
            for (int i = 0; i < window.length; i++) {
                if (window[i].pending && window[i].sequence == replySequence) {
                    return i;
                }
            }
            if (replySequence >= 0 && replySequence < sequence) {
                loop.recorder().late(now);
                return -1;
            }
        }
        byte[] start = new byte[Math.min(in.remaining(), Payload.HEADER_BYTES)];
        in.get(in.position(), start);
        throw new LoadFailure("wrong reply on " + name + ": it answers no request sent on this socket (it starts with \""
                + new String(start, StandardCharsets.ISO_8859_1) + "\")");
    }

    private void sendNew(int slot, long now) throws IOException {
        payload.stamp(window[slot], id, sequence++);
        send(slot, now);
    }

    private void send(int slot, long now) throws IOException {
        Exchange exchange = window[slot];
        exchange.sentAt = now;
        exchange.pending = true;
        out.clear().put(exchange.request).flip();
        unsent[slot] = channel.write(out) == 0;
        if (unsent[slot]) {
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }
}
