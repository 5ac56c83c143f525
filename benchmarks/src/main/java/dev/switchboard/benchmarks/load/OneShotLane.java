package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;

/**
 * The socket exercise's client: connect, send one request, read its reply. Its latency counts from
 * the start of the connect to the last byte of the reply. Then, for connect churn, it closes the
 * connection and starts over; for the idle workload, it holds the connection open, counts down
 * {@code held} and opens its successor, so that only a bounded number of connections are being set
 * up at once.
 */
final class OneShotLane implements Lane {

    private final int id;
    private final String name;
    private final InetSocketAddress server;
    private final Payload payload;
    private final ReplyQueue replies;
    private final ByteBuffer out;
    private final CountDownLatch held;
    private OneShotLane successor;
    private ClientLoop loop;
    private SocketChannel channel;
    private SelectionKey key;
    private long startedAt;
    private long sequence;

    /** @param held counted down as the lane holds its connection, or {@code null} to reconnect instead */
    OneShotLane(int id, InetSocketAddress server, Payload payload, CountDownLatch held) {
        this.id = id;
        this.name = "tcp connection " + id;
        this.server = server;
        this.payload = payload;
        this.replies = new ReplyQueue(name, 1, payload);
        this.out = ByteBuffer.allocateDirect(payload.size());
        this.held = held;
    }

    /** @param predecessor the lane that opens this one once it holds its own connection */
    void openAfter(OneShotLane predecessor) {
        predecessor.successor = this;
    }

    @Override
    public void open(ClientLoop loop) throws IOException {
        this.loop = loop;
        startedAt = System.nanoTime();
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        try {
            if (channel.connect(server)) {
                key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
                send();
            } else {
                key = channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException e) {
            throw Connections.cannotConnect(server, e);
        }
    }

    @Override
    public void ready(SelectionKey key) throws IOException {
        if (key.isConnectable()) {
            try {
                channel.finishConnect();
            } catch (IOException e) {
                throw Connections.cannotConnect(server, e);
            }
            key.interestOps(SelectionKey.OP_READ);
            send();
        } else if (key.isWritable()) {
            flush();
        } else if (key.isReadable()) {
            receive();
        }
    }

    @Override
    public void close() {
        Connections.closeQuietly(channel);
    }

    private void send() throws IOException {
        Exchange exchange = replies.next();
        payload.stamp(exchange, id, sequence++);
        exchange.sentAt = startedAt;
        out.clear().put(exchange.request).flip();
        replies.add();
        flush();
    }

    private void flush() throws IOException {
        channel.write(out);
        key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void receive() throws IOException {
        ByteBuffer in = loop.readBuffer();
        if (channel.read(in) < 0) {
            throw new LoadFailure("the server closed " + name + (replies.isEmpty()
                    ? " while it was held open" : " before replying"));
        }
        Exchange done = replies.receive(in.flip());
        if (done == null) {
            return;
        }
        replies.receive(in); // fails on any byte beyond the reply
        loop.recorder().completed(done.sentAt, System.nanoTime(), payload.size());
        if (held == null) {
            channel.close();
            open(loop);
        } else {
            held.countDown();
            if (successor != null) {
                successor.open(loop);
            }
        }
    }
}
