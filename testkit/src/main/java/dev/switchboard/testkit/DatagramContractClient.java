package dev.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/** A {@link ContractClient} sending each request as one datagram, from a socket of its own. */
final class DatagramContractClient implements ContractClient {

    /** Larger than any datagram, so that no reply is cut short. */
    private static final int MAX_DATAGRAM = 65_536;

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private long sent;
    private long received;

    DatagramContractClient(InetSocketAddress server) {
        try {
            InetAddress host = server.getAddress();
            if (host.isAnyLocalAddress()) {
                host = InetAddress.getByName(host instanceof Inet6Address ? "::1" : "127.0.0.1");
            }
            this.server = new InetSocketAddress(host, server.getPort());
            socket = new DatagramSocket(new InetSocketAddress(host, 0));
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void send(byte[] payload) {
        try {
            socket.send(new DatagramPacket(payload, payload.length, server));
            sent += payload.length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] receive(int payloadBytes) {
        DatagramPacket packet = new DatagramPacket(new byte[MAX_DATAGRAM], MAX_DATAGRAM);
        try {
            socket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within " + Await.TIMEOUT.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        received += packet.getLength();
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    @Override
    public void shutdownOutput() {
        throw new UnsupportedOperationException("a datagram client has no connection to shut down");
    }

    @Override
    public void assertClosedByServer() {
        throw new UnsupportedOperationException("a datagram client has no connection for the server to close");
    }

    @Override
    public long bytesSent() {
        return sent;
    }

    @Override
    public long bytesReceived() {
        return received;
    }

    @Override
    public void close() {
        socket.close();
    }
}
