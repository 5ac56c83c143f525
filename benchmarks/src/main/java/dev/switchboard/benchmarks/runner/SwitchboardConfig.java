package dev.switchboard.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The HOCON configurations the runner starts Switchboard with. */
final class SwitchboardConfig {

    private SwitchboardConfig() {}

    /**
     * The benchmark's endpoints: raw TCP (for ping-pong, churn, idle and open loop; allowing the
     * idle workload's connections, and without per-source limits, since the load generator is every
     * client from one address), line TCP (pipelined) and UDP, on loopback, every other setting at its
     * default.
     *
     * @param loops each endpoint's event loops (UDP: sockets)
     * @return the file written
     */
    static Path writeBench(Path directory, Ports ports, int loops) {
        return write(directory.resolve("switchboard-bench.conf"), String.format(Locale.ROOT, """
                # Written by the benchmark runner: the endpoints the workloads load, on free loopback ports.
                # The admin endpoint stays, on a free port: 9464 may be another program's.
                switchboard.admin.port = 0
                switchboard.endpoints {
                  tcp-raw {
                    transport = tcp, host = "%1$s", port = %2$d, framing = raw, threads = %5$d
                    max-connections = 20000, shutdown-grace = 1s, services = [uppercase]
                    max-connections-per-source = 0, max-connection-rate-per-source = 0
                  }
                  tcp-line {
                    transport = tcp, host = "%1$s", port = %3$d, framing = line, threads = %5$d
                    shutdown-grace = 1s, services = [uppercase]
                  }
                  udp {
                    transport = udp, host = "%1$s", port = %4$d, threads = %5$d
                    shutdown-grace = 1s, services = [uppercase]
                  }
                }
                """, Ports.HOST, ports.tcpRaw(), ports.tcpLine(), ports.udp(), loops));
    }

    /**
     * The distribution's own configuration with only its ports changed (the endpoints' to one free
     * for both TCP and UDP, the admin endpoint's to a free one: another server on the machine may
     * hold its 9464), for measuring start-up as users get it.
     *
     * @return the file written
     */
    static Path writeDefault(Path directory, Path distributionConfig, int port) {
        return write(directory.resolve("switchboard-default.conf"), String.format(Locale.ROOT, """
                # Written by the benchmark runner: the distribution's configuration on a free port.
                include file("%s")
                switchboard.endpoints.udp.port = %d
                switchboard.endpoints.tcp.port = %d
                switchboard.admin.port = 0
                """, distributionConfig.toAbsolutePath().toString().replace("\\", "\\\\").replace("\"", "\\\""), port, port));
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
