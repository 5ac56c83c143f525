package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection with up to {@code depth} requests outstanding: ping-pong at depth 1 (raw
 * framing cannot delimit more), pipelined above it (line framing).
 *
 * <p>Closed loop, each reply is followed at once by the next request, and latency counts from the
 * actual send. Open loop ({@link Schedule}), requests are due at fixed intended times; one that is
 * due while the previous reply is still awaited leaves as soon as that reply arrives, and its
 * latency counts from its intended time, so that a stalled server cannot hide its stall by
 * slowing the client down (no coordinated omission).
 */
final class TcpLane implements Lane {

    /** Intended send times: {@code next}, then every {@code interval} nanoseconds. */
    static final class Schedule {
        private long next;
        private final long interval;

        Schedule(long first, long interval) {
            this.next = first;
            this.interval = interval;
        }
    }

    private final int id;
    private final String name;
    private final InetSocketAddress server;
    private final Payload payload;
    private final ReplyQueue replies;
    private final Schedule schedule;
    private final ByteBuffer out;
    private ClientLoop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private long sequence;

    /**
     * @param depth the requests outstanding at once
     * @param schedule the open-loop send times, or {@code null} for closed loop
     */
    TcpLane(int id, InetSocketAddress server, Payload payload, int depth, Schedule schedule) {
        this.id = id;
        this.name = "tcp connection " + id;
        this.server = server;
        this.payload = payload;
        this.replies = new ReplyQueue(name, depth, payload);
        this.schedule = schedule;
        this.out = ByteBuffer.allocateDirect(depth * payload.size());
    }

    @Override
    public void open(ClientLoop loop) throws IOException {
        this.loop = loop;
        channel = Connections.connect(server);
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        if (schedule == null) {
            while (replies.hasRoom()) {
                send(System.nanoTime());
            }
            flush();
        }
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (key.isReadable()) {
            receive();
        }
        if (key.isValid() && key.isWritable()) {
            flush();
        }
    }

    @Override
    public long deadline() {
        return schedule != null && replies.isEmpty() ? schedule.next : Long.MAX_VALUE;
    }

    @Override
    public void deadlineReached(long now) throws IOException {
        sendScheduled(now);
        flush();
    }

    @Override
    public void close() {
        Connections.closeQuietly(channel);
    }

    private void receive() throws IOException {
        ByteBuffer in = loop.readBuffer();
        if (channel.read(in) < 0) {
            throw new LoadFailure("the server closed " + name + " after " + sequence + " requests");
        }
        in.flip();
        Exchange done;
        while ((done = replies.receive(in)) != null) {
            long now = System.nanoTime();
            loop.recorder().completed(done.sentAt, now, payload.size());
            if (schedule == null) {
                send(now);
            } else {
                sendScheduled(now);
            }
        }
        flush();
    }

    private void sendScheduled(long now) {
        if (replies.hasRoom() && schedule.next <= now) {
            loop.recorder().sent(schedule.next, now);
            send(schedule.next);
            schedule.next += schedule.interval;
        }
    }

    private void send(long sentAt) {
        Exchange exchange = replies.next();
        payload.stamp(exchange, id, sequence++);
        exchange.sentAt = sentAt;
        out.put(exchange.request);
        replies.add();
    }

    private void flush() throws IOException {
        if (out.position() == 0) {
            return;
        }
        channel.write(out.flip());
        out.compact();
        int ops = out.position() > 0 ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ;
        if (key.interestOps() != ops) {
            key.interestOps(ops);
        }
    }
}
