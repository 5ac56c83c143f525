package dev.switchboard.transport.udp.mmsg;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * A UDP client on an ephemeral port of a loopback address, with a receive buffer for a burst of large
 * replies; every receive waits at most 5 s.
 */
final class Client implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;

    private Client(DatagramSocket socket, InetSocketAddress server) {
        this.socket = socket;
        this.server = server;
    }

    /** @return a client on 127.0.0.1 */
    static Client to(InetSocketAddress server) {
        return from(InetAddress.getLoopbackAddress(), server);
    }

    /** @return a client bound to {@code local}, port 0 */
    static Client from(InetAddress local, InetSocketAddress server) {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(local, 0));
            socket.setSoTimeout(5_000);
            socket.setReceiveBufferSize(2 << 20);
            return new Client(socket, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(String text) {
        send(text.getBytes(US_ASCII));
    }

    void send(byte[] datagram) {
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, server));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the next datagram's bytes; fails after 5 s without one */
    byte[] receive() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Arrays.copyOf(buffer, packet.getLength());
    }

    String receiveText() {
        return new String(receive(), US_ASCII);
    }

    @Override
    public void close() {
        socket.close();
    }
}
