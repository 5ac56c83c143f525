package dev.switchboard.benchmarks.load;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The kinds of traffic the load generator makes, by their command-line names. */
public enum Workload {
    /** TCP, raw framing, one request outstanding per connection; open loop with {@code --rate}. */
    TCP_PINGPONG("tcp-pingpong", 1, 64, 1),
    /** TCP, line framing, {@code depth} requests outstanding per connection. */
    TCP_PIPELINED("tcp-pipelined", 16, 64, 32),
    /** UDP, {@code depth} datagrams outstanding per socket, losses counted and replaced. */
    UDP_PINGPONG("udp-pingpong", 16, 64, 8),
    /** TCP, raw framing: connect, one request, reply, close, on each lane, over and over. */
    TCP_CHURN("tcp-churn", 8, 64, 1),
    /** TCP, raw framing: open connections, one request each, then hold them while the server's memory is read. */
    TCP_IDLE("tcp-idle", 10_000, 64, 1);

    private final String cliName;
    private final int defaultConnections;
    private final int defaultSize;
    private final int defaultDepth;

    Workload(String cliName, int defaultConnections, int defaultSize, int defaultDepth) {
        this.cliName = cliName;
        this.defaultConnections = defaultConnections;
        this.defaultSize = defaultSize;
        this.defaultDepth = defaultDepth;
    }

    /**
     * @param name a command-line name, such as {@code tcp-pingpong}
     * @return the workload of that name
     * @throws IllegalArgumentException listing the known names
     */
    public static Workload named(String name) {
        return Arrays.stream(values())
                .filter(w -> w.cliName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown workload " + name + "; known: "
                        + Arrays.stream(values()).map(Workload::toString).collect(Collectors.joining(", "))));
    }

    int defaultConnections() {
        return defaultConnections;
    }

    int defaultSize() {
        return defaultSize;
    }

    int defaultDepth() {
        return defaultDepth;
    }

    /** @return whether requests are newline-terminated lines (else raw or datagrams) */
    boolean isLineFramed() {
        return this == TCP_PIPELINED;
    }

    /** @return the command-line name */
    @Override
    public String toString() {
        return cliName;
    }
}
