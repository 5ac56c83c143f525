package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The loopback ports one server is started on.
 *
 * @param tcpRaw the raw-framed TCP endpoint's port
 * @param tcpLine the line-framed TCP endpoint's port
 * @param udp the UDP endpoint's port
 */
record Ports(int tcpRaw, int tcpLine, int udp) {

    /** The servers listen on loopback only: the benchmark's traffic never leaves the machine. */
    static final String HOST = "127.0.0.1";

    /** @return three ports free at the moment, the UDP one free for TCP too */
    static Ports free() {
        return new Ports(freePort(), freePort(), freePort());
    }

    /** @return a port free for both TCP and UDP, as the exercise's default configuration uses one for both */
    static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(HOST, tcp.getLocalPort()))) {
                    return udp.getLocalPort();
                } catch (IOException taken) {
                    // the UDP port is in use: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on " + HOST + " after 100 attempts");
    }

    /** @return the address of the endpoint of that kind */
    InetSocketAddress address(EndpointKind kind) {
        return new InetSocketAddress(HOST, switch (kind) {
            case TCP_RAW -> tcpRaw;
            case TCP_LINE -> tcpLine;
            case UDP -> udp;
        });
    }
}
