package dev.switchboard.benchmarks.runner;

import dev.switchboard.benchmarks.netty.NettyServer;
import dev.switchboard.benchmarks.netty.NettyTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A server under comparison, and how to start it.
 *
 * @param name a short name for results and logs, such as {@code netty-epoll}
 * @param title the name in the report, such as {@code Netty epoll}
 * @param bench the process serving the benchmark's three endpoints on given ports
 * @param exercise the process serving the exercise's two endpoints (TCP raw and UDP) on one given
 *     port, as Switchboard's default configuration does: what start-to-ready measures
 */
record Contender(String name, String title, Function<Ports, ProcessBuilder> bench, IntFunction<ProcessBuilder> exercise) {

    /**
     * Switchboard's distribution; {@code JAVA_OPTS} carries the JVM flags and {@code JAVA_HOME} the
     * runner's own Java, so that every server runs on one JVM.
     *
     * @param home the distribution, {@code launcher/target/switchboard}
     * @param configDirectory where to write the configurations
     * @param pin whether the server runs on {@link RunnerOptions#SERVER_CPU}
     * @param loops the benchmark's event loops per endpoint
     */
    static Contender switchboard(Path home, Path configDirectory, List<String> jvmFlags, boolean pin, int loops) {
        Path script = home.resolve("bin/switchboard");
        return new Contender("switchboard", "Switchboard",
                ports -> pinned(pin, process(script, jvmFlags, SwitchboardConfig.writeBench(configDirectory, ports, loops))),
                port -> pinned(pin, process(script, jvmFlags, SwitchboardConfig.writeDefault(configDirectory,
                        home.resolve("config/switchboard.conf"), port))));
    }

    /**
     * The Netty baseline, from the benchmark jar, with the same JVM flags.
     *
     * @param classPath the benchmark jar (or class path) holding {@code NettyServer}
     * @param pin whether the server runs on {@link RunnerOptions#SERVER_CPU}, with one event loop at start-up too
     * @param loops the benchmark's event loops
     */
    static Contender netty(NettyTransport transport, String classPath, List<String> jvmFlags, boolean pin, int loops) {
        String title = "Netty " + (transport == NettyTransport.NIO ? "NIO" : "epoll");
        List<String> startLoops = pin ? List.of("--threads", "1") : List.of();
        return new Contender("netty-" + transport, title,
                ports -> pinned(pin, netty(transport, classPath, jvmFlags, List.of("--threads", Integer.toString(loops)),
                        "--tcp-raw", ports.tcpRaw(), "--tcp-line", ports.tcpLine(), "--udp", ports.udp())),
                port -> pinned(pin, netty(transport, classPath, jvmFlags, startLoops, "--tcp-raw", port, "--udp", port)));
    }

    /** Runs the command under {@code taskset} on the servers' CPU, if {@code pin}. */
    private static ProcessBuilder pinned(boolean pin, ProcessBuilder builder) {
        if (pin) {
            builder.command().addAll(0, List.of("taskset", "-c", Integer.toString(RunnerOptions.SERVER_CPU)));
        }
        return builder;
    }

    private static ProcessBuilder process(Path script, List<String> jvmFlags, Path config) {
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "--config", config.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", String.join(" ", jvmFlags));
        return builder;
    }

    private static ProcessBuilder netty(NettyTransport transport, String classPath, List<String> jvmFlags,
            List<String> options, Object... endpoints) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(NettyServer.JDK_24_FLAGS);
        command.addAll(List.of("-cp", classPath, "dev.switchboard.benchmarks.netty.NettyServer",
                "--transport", transport.toString(), "--host", Ports.HOST));
        command.addAll(options);
        for (Object endpoint : endpoints) {
            command.add(endpoint.toString());
        }
        return new ProcessBuilder(command);
    }
}
