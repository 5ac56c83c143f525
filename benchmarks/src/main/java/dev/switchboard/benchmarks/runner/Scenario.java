package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.LoadSpec;
import dev.switchboard.benchmarks.load.Workload;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One workload of the comparison, run against each server in turn.
 *
 * @param name the name {@code --only} selects it by, such as {@code tcp-pingpong-c64-s1024}
 * @param endpoint the endpoint it loads
 * @param load the run, without its server
 * @param windows how many of the run's measuring durations it measures for: more than one for a
 *     tail percentile that moves with the machine's state from one run to the next, so that each
 *     run averages over more of it
 */
record Scenario(String name, EndpointKind endpoint, LoadSpec load, int windows) {

    /** The open loop's: its p99 varied 3x between consecutive 8 s runs against one server on the 2-core machine. */
    static final int OPEN_LOOP_WINDOWS = 3;

    private static final InetSocketAddress UNSET = new InetSocketAddress(Ports.HOST, 1);

    /**
     * @param rate the open-loop workload's requests per second
     * @param idleConnections the connections the idle workload holds
     * @return every scenario, in the order they run
     */
    static List<Scenario> all(double rate, int idleConnections) {
        return List.of(
                pingPong(1, 64),
                pingPong(1, 1024),
                pingPong(64, 64),
                pingPong(64, 1024),
                new Scenario("tcp-pipelined-c16-d32", EndpointKind.TCP_LINE,
                        spec(Workload.TCP_PIPELINED).withShape(16, 64, 32), 1),
                datagrams(64),
                datagrams(1400),
                new Scenario("tcp-churn-l8", EndpointKind.TCP_RAW, spec(Workload.TCP_CHURN).withShape(8, 64, 1), 1),
                new Scenario("tcp-idle", EndpointKind.TCP_RAW,
                        spec(Workload.TCP_IDLE).withShape(idleConnections, 64, 1), 1),
                new Scenario("tcp-rate-c16-s64", EndpointKind.TCP_RAW,
                        spec(Workload.TCP_PINGPONG).withShape(16, 64, 1).withRate(rate), OPEN_LOOP_WINDOWS));
    }

    /** @return how long a run of it measures, given the runner's measuring duration */
    Duration measuring(Duration duration) {
        return duration.multipliedBy(windows);
    }

    /** @return whether this is the idle workload, which measures memory rather than speed */
    boolean isIdle() {
        return load.workload() == Workload.TCP_IDLE;
    }

    /** @return a title such as {@code TCP ping-pong, 64 connections, 1024 B} */
    String title() {
        LoadSpec s = load;
        return switch (s.workload()) {
            case TCP_PINGPONG -> s.rate() > 0
                    ? String.format(Locale.ROOT, "TCP open loop at %,.0f req/s, %d connections, %d B", s.rate(), s.connections(), s.size())
                    : String.format(Locale.ROOT, "TCP ping-pong, %d connection%s, %d B", s.connections(), s.connections() == 1 ? "" : "s", s.size());
            case TCP_PIPELINED -> String.format(Locale.ROOT, "TCP pipelined (line framing), %d connections x %d outstanding, %d B",
                    s.connections(), s.depth(), s.size());
            case UDP_PINGPONG -> String.format(Locale.ROOT, "UDP, %d sockets x %d outstanding, %d B", s.connections(), s.depth(), s.size());
            case TCP_CHURN -> String.format(Locale.ROOT, "TCP connect churn (connect, one request, close), %d lanes, %d B",
                    s.connections(), s.size());
            case TCP_IDLE -> String.format(Locale.ROOT, "TCP idle: %,d connections held open", s.connections());
        };
    }

    private static Scenario pingPong(int connections, int size) {
        return new Scenario("tcp-pingpong-c" + connections + "-s" + size, EndpointKind.TCP_RAW,
                spec(Workload.TCP_PINGPONG).withShape(connections, size, 1), 1);
    }

    private static Scenario datagrams(int size) {
        return new Scenario("udp-c16-d8-s" + size, EndpointKind.UDP,
                spec(Workload.UDP_PINGPONG).withShape(16, size, 8), 1);
    }

    private static LoadSpec spec(Workload workload) {
        return LoadSpec.of(workload, UNSET);
    }
}
