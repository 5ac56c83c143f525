package dev.switchboard.launcher.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;

/**
 * A session over one UDP socket, connected to the server so that only its datagrams are received
 * and an ICMP port-unreachable answer surfaces as a refusal. One datagram per request, one reply.
 */
final class DatagramSession implements Session {

    /** The largest UDP payload over IPv4, and so the largest reply. */
    private static final int MAX_DATAGRAM_BYTES = 65_507;

    private final Target target;
    private final Duration timeout;
    private final DatagramSocket socket;
    private final byte[] replyBuffer = new byte[MAX_DATAGRAM_BYTES + 1];

    private DatagramSession(Target target, Duration timeout, DatagramSocket socket) {
        this.target = target;
        this.timeout = timeout;
        this.socket = socket;
    }

    static DatagramSession open(Target target, Duration timeout) throws ClientFailure {
        InetSocketAddress given = (InetSocketAddress) target.address();
        InetSocketAddress address = new InetSocketAddress(given.getHostString(), given.getPort());
        if (address.isUnresolved()) {
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "unknown host " + given.getHostString() + " in " + target);
        }
        try {
            DatagramSocket socket = new DatagramSocket();
            socket.connect(address);
            socket.setSoTimeout(Math.toIntExact(Math.max(1, timeout.toMillis())));
            return new DatagramSession(target, timeout, socket);
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "cannot open a UDP socket to " + target + ": " + e.getMessage());
        }
    }

    @Override
    public byte[] ask(byte[] request) throws ClientFailure {
        try {
            socket.send(new DatagramPacket(request, request.length));
            DatagramPacket reply = new DatagramPacket(replyBuffer, replyBuffer.length);
            socket.receive(reply);
            return Arrays.copyOf(reply.getData(), reply.getLength());
        } catch (PortUnreachableException e) {
            throw new ClientFailure(ExitStatus.REFUSED, "nothing listens at " + target + " (port unreachable)");
        } catch (SocketTimeoutException e) {
            throw new ClientFailure(ExitStatus.TIMEOUT, "no reply from " + target + " within " + DurationConverter.format(timeout));
        } catch (IOException e) {
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "the datagram to " + target + " failed: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
