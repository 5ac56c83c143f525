package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A loopback server that answers each read (TCP) or datagram (UDP) with what {@code answer} makes
 * of it, or closes the connection when {@code answer} returns {@code null}: for showing that the
 * load generator catches a wrong reply.
 */
final class FaultyServer implements AutoCloseable {

    private static final long JOIN_MILLIS = 5_000;

    private final java.nio.channels.Channel channel;
    private final InetSocketAddress address;
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();

    private FaultyServer(java.nio.channels.Channel channel, SocketAddress address) {
        this.channel = channel;
        this.address = (InetSocketAddress) address;
    }

    static FaultyServer tcp(UnaryOperator<byte[]> answer) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        FaultyServer faulty = new FaultyServer(server, server.getLocalAddress());
        faulty.start(() -> {
            while (server.isOpen()) {
                SocketChannel connection = server.accept();
                faulty.connections.add(connection);
                faulty.start(() -> answerReads(connection, answer));
            }
        });
        return faulty;
    }

    static FaultyServer udp(UnaryOperator<byte[]> answer) throws IOException {
        DatagramChannel socket = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        FaultyServer faulty = new FaultyServer(socket, socket.getLocalAddress());
        faulty.start(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(65536);
            while (socket.isOpen()) {
                SocketAddress sender = socket.receive(buffer.clear());
                byte[] reply = answer.apply(bytes(buffer.flip()));
                if (reply != null) {
                    socket.send(ByteBuffer.wrap(reply), sender);
                }
            }
        });
        return faulty;
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        channel.close();
        for (SocketChannel connection : connections) {
            connection.close();
        }
        for (Thread thread : threads) {
            thread.join(JOIN_MILLIS);
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private void start(Work work) {
        Thread thread = new Thread(() -> {
            try {
                work.run();
            } catch (IOException closed) {
                // the server or the connection was closed: the thread's work is over
            }
        }, "faulty-server");
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private static void answerReads(SocketChannel connection, UnaryOperator<byte[]> answer) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(65536);
        while (connection.read(buffer.clear()) > 0) {
            byte[] reply = answer.apply(bytes(buffer.flip()));
            if (reply == null) {
                connection.close();
                return;
            }
            connection.write(ByteBuffer.wrap(reply));
        }
        connection.close();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
