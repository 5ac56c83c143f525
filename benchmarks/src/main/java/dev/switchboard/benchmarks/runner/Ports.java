package dev.switchboard.benchmarks.runner;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
    /** The lowest port chosen: above the ports well-known services use. */
    static final int LOWEST_PORT = 10_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Linux's default start of the ephemeral range, if {@link #EPHEMERAL_RANGE} cannot be read. */
    private static final int DEFAULT_EPHEMERAL_LOW = 32_768;

    /**
     * @return three different ports free at the moment, each free for both TCP and UDP (they are
     *     held until all three are found: a port released at once could be handed out again), and
     *     below the ephemeral range, which the kernel hands out to outgoing connections: a server
     *     starts seconds after its ports are chosen, and on a busy machine any process's connection
     *     could take an ephemeral port meanwhile
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

    /** Binds a port below the ephemeral range for both TCP and UDP and adds both sockets to {@code held}. */
    private static int hold(List<Closeable> held) {
        int end = Math.max(LOWEST_PORT + 1000, ephemeralLow());
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, end);
            ServerSocket tcp = null;
            try {
                tcp = new ServerSocket();
                tcp.bind(new InetSocketAddress(HOST, port), 1);
                DatagramSocket udp = new DatagramSocket(new InetSocketAddress(HOST, port));
                held.add(tcp);
                held.add(udp);
                return port;
            } catch (BindException e) {
                close(tcp); // in use for TCP or UDP: try another
            } catch (IOException e) {
                close(tcp);
                throw new UncheckedIOException("cannot find a free port on " + HOST, e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on " + HOST + " from " + LOWEST_PORT + " to "
                + end + " after 100 attempts");
    }

    /** @return the first port of the kernel's ephemeral range */
    static int ephemeralLow() {
        try {
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL_LOW;
        }
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
