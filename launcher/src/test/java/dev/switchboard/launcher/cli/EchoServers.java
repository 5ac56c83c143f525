package dev.switchboard.launcher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * Small servers on loopback for {@code send}'s tests, each on a free port (or a socket file) and
 * closed with the test: a UDP and a stream server that answer each datagram or read with
 * {@code answer} of it, as the raw framing does, and count the connections they accept.
 */
final class EchoServers {

    /** Upper case, as the uppercase service answers ASCII. */
    static final UnaryOperator<String> UPPERCASE = text -> text.toUpperCase(Locale.ROOT);

    private EchoServers() {}

    /** A UDP server answering each datagram. */
    static final class Udp implements AutoCloseable {
        private final DatagramSocket socket;
        private final Thread thread;

        Udp(UnaryOperator<String> answer) throws IOException {
            socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                byte[] buffer = new byte[65_536];
                try {
                    while (true) {
                        DatagramPacket request = new DatagramPacket(buffer, buffer.length);
                        socket.receive(request);
                        byte[] reply = answer.apply(new String(buffer, 0, request.getLength(), UTF_8)).getBytes(UTF_8);
                        socket.send(new DatagramPacket(reply, reply.length, request.getSocketAddress()));
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "udp-echo");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "udp://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A TCP or Unix-domain server answering each read on each connection it accepts. */
    static final class Stream implements AutoCloseable {
        private final ServerSocketChannel server;
        private final String url;
        private final UnaryOperator<String> answer;
        private final AtomicInteger accepted = new AtomicInteger();
        private final List<SocketChannel> connections = new ArrayList<>();

        private Stream(ServerSocketChannel server, String url, UnaryOperator<String> answer) {
            this.server = server;
            this.url = url;
            this.answer = answer;
            Thread acceptor = new Thread(this::accept, "stream-echo");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        static Stream tcp(UnaryOperator<String> answer) throws IOException {
            return tcp(InetAddress.getLoopbackAddress(), answer);
        }

        static Stream tcp(InetAddress host, UnaryOperator<String> answer) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress(host, 0));
            String address = host instanceof Inet6Address ? "[" + host.getHostAddress() + "]" : host.getHostAddress();
            return new Stream(server, "tcp://" + address.replace("0:0:0:0:0:0:0:1", "::1") + ":"
                    + ((InetSocketAddress) server.getLocalAddress()).getPort(), answer);
        }

        static Stream unix(SocketAddress path, String url, UnaryOperator<String> answer) throws IOException {
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(path);
            return new Stream(server, url, answer);
        }

        private void accept() {
            try {
                while (true) {
                    SocketChannel connection = server.accept();
                    accepted.incrementAndGet();
                    synchronized (connections) {
                        connections.add(connection);
                    }
                    Thread serving = new Thread(() -> serve(connection), "stream-echo-connection");
                    serving.setDaemon(true);
                    serving.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(SocketChannel connection) {
            ByteBuffer buffer = ByteBuffer.allocate(65_536);
            try (connection) {
                while (connection.read(buffer.clear()) > 0) {
                    String request = new String(buffer.array(), 0, buffer.position(), UTF_8);
                    connection.write(ByteBuffer.wrap(answer.apply(request).getBytes(UTF_8)));
                }
            } catch (IOException closed) {
                // the client or the test is done
            }
        }

        String url() {
            return url;
        }

        int acceptedConnections() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (connections) {
                for (SocketChannel connection : connections) {
                    connection.close();
                }
            }
        }
    }

    /** A TCP server that accepts connections and never answers. */
    static final class Silent implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> connections = new ArrayList<>();

        Silent() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket connection = server.accept();
                        synchronized (connections) {
                            connections.add(connection);
                        }
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String url() {
            return "tcp://127.0.0.1:" + server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (connections) {
                for (Socket connection : connections) {
                    connection.close();
                }
            }
        }
    }
}
