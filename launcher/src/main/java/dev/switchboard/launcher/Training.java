package dev.switchboard.launcher;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.launcher.endpoint.Endpoint;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The run that records the class-data sharing archive: {@code bin/switchboard} starts the launcher
 * with {@code -XX:ArchiveClassesAtExit} and {@code -Dswitchboard.training=true} over
 * {@code cds/training.conf}, and the JVM writes every class loaded by the time it exits into the
 * archive. Starting the endpoints is not all a start does: the first request loads the request
 * path's classes, so the training asks each endpoint once, as a client would.
 */
final class Training {

    /** The system property that asks for a training run. */
    static final String PROPERTY = "switchboard.training";

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    private static final byte[] REQUEST = "training".getBytes(StandardCharsets.US_ASCII);
    private static final int TIMEOUT_MILLIS = 5_000;

    private Training() {}

    /** @return whether this run is a training run */
    static boolean requested() {
        return Boolean.getBoolean(PROPERTY);
    }

    /**
     * Sends one request to each UDP and TCP endpoint and waits for its reply. A request that fails
     * only leaves its classes out of the archive, so it is logged and the others go on.
     *
     * @param endpoints the endpoints, serving
     */
    static void askEach(List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            if (!(endpoint.transport().localAddress() instanceof InetSocketAddress address)) {
                continue; // a transport of another address family: not one this run knows how to ask
            }
            try {
                switch (endpoint.transportName()) {
                    case "udp" -> askUdp(address);
                    case "tcp" -> askTcp(address);
                    default -> { }
                }
            } catch (IOException e) {
                LOG.log(WARNING, "training: endpoint " + endpoint.name() + " did not answer: " + e);
            }
        }
    }

    private static void askUdp(InetSocketAddress address) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.send(new DatagramPacket(REQUEST, REQUEST.length, address));
            socket.receive(new DatagramPacket(new byte[REQUEST.length], REQUEST.length));
        }
    }

    private static void askTcp(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(REQUEST);
            if (socket.getInputStream().readNBytes(REQUEST.length).length < REQUEST.length) {
                throw new IOException("the connection closed before the whole reply");
            }
        }
    }
}
