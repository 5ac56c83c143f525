package dev.switchboard.benchmarks.load;

import dev.switchboard.benchmarks.Arguments;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One load run: what traffic, against which server, for how long.
 *
 * @param workload the kind of traffic
 * @param server the server's address (TCP or UDP, per the workload)
 * @param connections connections, sockets or lanes
 * @param size bytes per request (and per reply), a line's terminator included
 * @param depth requests outstanding per connection
 * @param warmup traffic before measuring, excluded from the results
 * @param duration the measured traffic
 * @param rate open loop: requests per second over all connections, sent at fixed intended times;
 *     0 = closed loop (each reply is followed at once by the next request)
 * @param clientThreads selector threads sharing the connections
 * @param udpTimeout how long a datagram's reply may take before the datagram counts as lost
 * @param serverPid the server's process id, whose resident memory the idle workload reads; 0 = unknown
 * @param label names the server in the output, such as {@code netty-epoll}
 */
public record LoadSpec(
        Workload workload,
        InetSocketAddress server,
        int connections,
        int size,
        int depth,
        Duration warmup,
        Duration duration,
        double rate,
        int clientThreads,
        Duration udpTimeout,
        long serverPid,
        String label) {

    static final Set<String> OPTIONS = Set.of("workload", "host", "port", "connections", "size", "depth",
            "warmup", "duration", "rate", "client-threads", "udp-timeout", "server-pid", "label");

    /** The usage text of the load generator's options. */
    public static final String USAGE = """
            options (defaults depend on the workload):
              --workload tcp-pingpong|tcp-pipelined|udp-pingpong|tcp-churn|tcp-idle
              --host 127.0.0.1 --port 12000   the server (TCP raw, TCP line or UDP, per the workload)
              --connections N                 connections, sockets or lanes
              --size BYTES                    per request and reply, a line's newline included
              --depth N                       requests outstanding per connection
              --warmup 5s --duration 10s      warm-up traffic, excluded; then the measured traffic
              --rate N/s                      tcp-pingpong in open loop at N requests/s over all connections
              --client-threads 1              selector threads sharing the connections
              --udp-timeout 200ms             a datagram unanswered for this long counts as lost
              --server-pid PID                tcp-idle: read this process's resident memory
              --label NAME                    names the server in the output
            """;

    /** Checks every component. */
    public LoadSpec {
        if (connections < 1 || connections > Payload.MAX_LANES) {
            throw new IllegalArgumentException("connections must be from 1 to " + Payload.MAX_LANES + ": " + connections);
        }
        if (size < Payload.MIN_SIZE || size > (workload == Workload.UDP_PINGPONG ? 65_507 : 1 << 20)) {
            throw new IllegalArgumentException("size out of range for " + workload + ": " + size
                    + " (at least " + Payload.MIN_SIZE + ")");
        }
        if (depth < 1 || (depth > 1 && workload != Workload.TCP_PIPELINED && workload != Workload.UDP_PINGPONG)) {
            throw new IllegalArgumentException(workload + " takes one request outstanding per connection, not " + depth
                    + (workload == Workload.TCP_PINGPONG ? " (raw framing cannot delimit pipelined requests)" : ""));
        }
        if (rate < 0 || (rate > 0 && workload != Workload.TCP_PINGPONG)) {
            throw new IllegalArgumentException("--rate (open loop) applies to tcp-pingpong only");
        }
        if (warmup.isNegative() || duration.isNegative() || duration.isZero() && workload != Workload.TCP_IDLE) {
            throw new IllegalArgumentException("warm-up must not be negative and duration must be positive");
        }
        if (clientThreads < 1) {
            throw new IllegalArgumentException("client threads must be at least 1: " + clientThreads);
        }
    }

    /**
     * @param workload the kind of traffic
     * @param server the server's address
     * @return a run with the workload's default connections, size and depth, 5 s of warm-up and 10 s measured
     */
    public static LoadSpec of(Workload workload, InetSocketAddress server) {
        return new LoadSpec(workload, server, workload.defaultConnections(), workload.defaultSize(),
                workload.defaultDepth(), Duration.ofSeconds(5), Duration.ofSeconds(10), 0, 1,
                Duration.ofMillis(200), 0, "server");
    }

    /**
     * @param args the load generator's command line
     * @return the run it describes
     * @throws IllegalArgumentException naming a bad option
     */
    public static LoadSpec parse(List<String> args) {
        Arguments a = Arguments.parse(args, OPTIONS, Set.of());
        Workload workload = Workload.named(a.text("workload", Workload.TCP_PINGPONG.toString()));
        InetSocketAddress server = new InetSocketAddress(a.text("host", "127.0.0.1"), a.integer("port", 12000, 1, 65535));
        LoadSpec defaults = of(workload, server);
        return new LoadSpec(workload, server,
                a.integer("connections", defaults.connections(), 1, Payload.MAX_LANES),
                a.integer("size", defaults.size(), Payload.MIN_SIZE, 1 << 20),
                a.integer("depth", defaults.depth(), 1, 1 << 16),
                a.duration("warmup", defaults.warmup()),
                a.duration("duration", defaults.duration()),
                a.rate("rate", 0),
                a.integer("client-threads", 1, 1, 256),
                a.duration("udp-timeout", defaults.udpTimeout()),
                a.integer("server-pid", 0, 0, Integer.MAX_VALUE),
                a.text("label", defaults.label()));
    }

    /** @return this run with {@code connections}, {@code size} and {@code depth} */
    public LoadSpec withShape(int connections, int size, int depth) {
        return new LoadSpec(workload, server, connections, size, depth, warmup, duration, rate, clientThreads,
                udpTimeout, serverPid, label);
    }

    /** @return this run in open loop at {@code rate} requests per second */
    public LoadSpec withRate(double rate) {
        return new LoadSpec(workload, server, connections, size, depth, warmup, duration, rate, clientThreads,
                udpTimeout, serverPid, label);
    }

    /** @return this run with {@code warmup} and {@code duration} */
    public LoadSpec withTiming(Duration warmup, Duration duration) {
        return new LoadSpec(workload, server, connections, size, depth, warmup, duration, rate, clientThreads,
                udpTimeout, serverPid, label);
    }

    /** @return this run without reading the server's memory */
    LoadSpec withoutServerMemory() {
        return new LoadSpec(workload, server, connections, size, depth, warmup, duration, rate, clientThreads,
                udpTimeout, 0, label);
    }

    /** @return this run with {@code clientThreads} selector threads */
    public LoadSpec withClientThreads(int clientThreads) {
        return new LoadSpec(workload, server, connections, size, depth, warmup, duration, rate, clientThreads,
                udpTimeout, serverPid, label);
    }

    /** @return this run against {@code server}, process {@code serverPid} (0 = unknown), named {@code label} */
    public LoadSpec against(InetSocketAddress server, long serverPid, String label) {
        return new LoadSpec(workload, server, connections, size, depth, warmup, duration, rate, clientThreads,
                udpTimeout, serverPid, label);
    }

    /** @return a short description such as {@code tcp-pingpong c=64 s=1024} */
    public String describe() {
        StringBuilder text = new StringBuilder(workload.toString()).append(" c=").append(connections);
        if (depth > 1) {
            text.append(" d=").append(depth);
        }
        text.append(" s=").append(size);
        if (rate > 0) {
            text.append(" rate=").append(Math.round(rate)).append("/s");
        }
        return text.toString();
    }
}
