package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.load.Result;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/** Made-up results and servers for testing the report without running anything. */
final class Fixtures {

    static final Contender SWITCHBOARD = new Contender("switchboard", "Switchboard", ports -> null, port -> null);
    static final Contender NETTY_NIO = new Contender("netty-nio", "Netty NIO", ports -> null, port -> null);
    static final Contender NETTY_EPOLL = new Contender("netty-epoll", "Netty epoll", ports -> null, port -> null);

    private Fixtures() {}

    static Result result(Scenario scenario, String label, double messagesPerSecond, double p99) {
        return new Result(label, scenario.load().against(new InetSocketAddress("127.0.0.1", 1), 0, label), 1.0,
                (long) messagesPerSecond, (long) messagesPerSecond * scenario.load().size(),
                new Result.Latency(p99 / 4, p99, p99 * 2, p99 * 3), new Result.Latency(0, 0, 0, 0), 0, 0, 0, -1, -1,
                Result.NATIVE);
    }

    static RunnerOptions options(String... args) {
        return RunnerOptions.parse(List.of(args));
    }

    static Machine machine() {
        return new Machine("Test CPU", 2, "1.0 GiB", "Test OS", "6.0", "Test JDK 17");
    }

    static Path nowhere() {
        return Path.of("/nonexistent");
    }
}
