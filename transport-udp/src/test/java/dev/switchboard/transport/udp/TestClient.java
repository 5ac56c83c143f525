package dev.switchboard.transport.udp;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A UDP client socket on loopback, as in the exercise, whose every wait is bounded. */
final class TestClient implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    private TestClient(DatagramSocket socket, InetSocketAddress server) {
        this.socket = socket;
        this.server = server;
    }

    /**
     * @param server where to send
     * @return a client bound to a free port of the loopback address of the server's family
     */
    static TestClient to(InetSocketAddress server) {
        return from(server.getAddress(), server);
    }

    /**
     * @param local the address to send from, such as 127.0.0.2: on Linux all of 127.0.0.0/8 is the
     *     loopback interface's, so it is a second client host
     * @param server where to send
     * @return a client bound to a free port of {@code local}
     */
    static TestClient from(InetAddress local, InetSocketAddress server) {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0));
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            socket.setReceiveBufferSize(1 << 20);
            socket.setSendBufferSize(1 << 20);
            return new TestClient(socket, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) {
        send(text.getBytes(UTF_8));
    }

    void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next datagram to arrive, as UTF-8 text */
    String receiveText() {
        return new String(receive(), UTF_8);
    }

    /** @return the next datagram to arrive */
    byte[] receive() {
        DatagramPacket packet = receivePacket();
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    /** @return the next datagram to arrive, with where it came from */
    DatagramPacket receivePacket() {
        DatagramPacket packet = new DatagramPacket(new byte[65_536], 65_536);
        try {
            socket.receive(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + Await.TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return what the client's socket is bound to */
    InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
    }
}
