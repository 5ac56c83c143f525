package dev.switchboard.benchmarks;

import dev.switchboard.benchmarks.load.LoadGenerator;
import dev.switchboard.benchmarks.netty.NettyServer;
import dev.switchboard.benchmarks.runner.Runner;
import java.util.Arrays;

/**
 * The benchmark jar's entry point: {@code java -jar switchboard-benchmarks.jar <command> [options]}
 * with {@code run} (the whole comparison), {@code load} (one load run), {@code netty} (the
 * baseline server) or {@code jmh} (the micro-benchmarks, JMH's own options).
 */
public final class Main {

    private static final String USAGE = """
            usage: java -jar switchboard-benchmarks.jar <command> [options]
              run     the comparison: every workload against Switchboard, Netty NIO and Netty epoll,
                      alternately, written to docs/PERFORMANCE.md (run --help)
              load    one load run against a running server (load --help)
              netty   the Netty baseline server (netty --help)
              jmh     the JMH micro-benchmarks, with JMH's options (jmh -h); e.g. jmh -prof gc Uppercase
            """;

    private Main() {}

    /** @param args a command and its options */
    public static void main(String[] args) throws Exception {
        String[] rest = args.length > 0 ? Arrays.copyOfRange(args, 1, args.length) : args;
        switch (args.length > 0 ? args[0] : "") {
            case "run" -> Runner.main(rest);
            case "load" -> LoadGenerator.main(rest);
            case "netty" -> NettyServer.main(rest);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.print(USAGE);
                System.exit(args.length == 0 || args[0].equals("--help") ? 0 : 2);
            }
        }
    }
}
