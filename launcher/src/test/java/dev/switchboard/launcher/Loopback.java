package dev.switchboard.launcher;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** Plain blocking clients, as the socket exercise writes them, with a bound on every wait. */
public final class Loopback {

    private static final int TIMEOUT_MILLIS = 5_000;

    private Loopback() {}

    /**
     * Sends {@code request} over a new TCP connection and reads until {@code replyBytes} bytes have
     * arrived.
     *
     * @param server where to connect
     * @param request what to send, as UTF-8
     * @param replyBytes how many bytes to wait for
     * @return what arrived, as UTF-8
     * @throws IOException if the connection fails, closes early or the reply is late
     */
    public static String tcp(InetSocketAddress server, String request, int replyBytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(request.getBytes(UTF_8));
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[replyBytes];
            int read = 0;
            while (read < replyBytes) {
                int n = in.read(reply, read, replyBytes - read);
                if (n < 0) {
                    throw new IOException("closed after " + read + " bytes: " + new String(reply, 0, read, UTF_8));
                }
                read += n;
            }
            return new String(reply, UTF_8);
        }
    }

    /**
     * @param server where to send
     * @param request the datagram's content, as UTF-8
     * @return the reply datagram's content, as UTF-8
     * @throws IOException if no reply arrives in time
     */
    public static String udp(InetSocketAddress server, String request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            byte[] bytes = request.getBytes(UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, server));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            socket.receive(reply);
            return new String(Arrays.copyOf(reply.getData(), reply.getLength()), UTF_8);
        }
    }
}
