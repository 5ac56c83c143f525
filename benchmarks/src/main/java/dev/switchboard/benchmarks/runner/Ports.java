package dev.switchboard.benchmarks.runner;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

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

    /**
     * @return three different ports free at the moment, each free for both TCP and UDP (they are
     *     held until all three are found: a port released at once could be handed out again)
     */
    static Ports free() {
        return holding(held -> new Ports(hold(held), hold(held), hold(held)));
    }

    /** @return a port free for both TCP and UDP, as the exercise's default configuration uses one for both */
    static int freePort() {
        return holding(Ports::hold);
    }

    /** Runs {@code choose} with a list of sockets to hold, and closes them once it returns. */
    private static <T> T holding(Function<List<Closeable>, T> choose) {
        List<Closeable> held = new ArrayList<>();
        try {
            return choose.apply(held);
        } finally {
            held.forEach(Ports::close);
        }
    }

    /** Binds a port for both TCP and UDP and adds both sockets to {@code held}. */
    private static int hold(List<Closeable> held) {
        for (int attempt = 0; attempt < 100; attempt++) {
            ServerSocket tcp = null;
            try {
                tcp = new ServerSocket(0, 1, InetAddress.getByName(HOST));
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(HOST, tcp.getLocalPort()));
                held.add(tcp);
                held.add(udp);
                return udp.getLocalPort();
            } catch (IOException e) {
                close(tcp);
                if (!(e instanceof BindException) || tcp == null) {
                    throw new UncheckedIOException("cannot find a free port on " + HOST, e);
                }
                // the UDP port is in use: try another
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on " + HOST + " after 100 attempts");
    }

    private static void close(Closeable socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // a socket that will not close still frees its port when this process ends
        }
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
