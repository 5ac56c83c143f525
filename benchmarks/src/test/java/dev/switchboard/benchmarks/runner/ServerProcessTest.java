package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.benchmarks.netty.NettyTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Start-up is timed from outside: from just before the fork and exec to the TCP port accepting. */
@Timeout(60)
class ServerProcessTest {

    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(30);

    @TempDir
    Path logs;

    @Test
    void timesTheStartUntilTheTcpPortAccepts() throws Exception {
        int port = Ports.freePort();
        ProcessBuilder netty = Contender.netty(NettyTransport.NIO, System.getProperty("java.class.path"), List.of(), false, 1)
                .exercise().apply(port);
        InetSocketAddress address = new InetSocketAddress(Ports.HOST, port);
        long before = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(netty, logs.resolve("netty.log"))) {
            long nanos = server.awaitAccepting(address, TIMEOUT);
            long elapsed = System.nanoTime() - before;
            assertTrue(nanos > 0 && nanos <= elapsed, nanos + " ns not within the " + elapsed + " ns the test waited");
            assertTrue(Readiness.acceptsConnection(address));
        }
    }

    @Test
    void aServerThatExitsBeforeAcceptingFailsWithItsLog() throws Exception {
        int port = Ports.freePort();
        ProcessBuilder broken = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.switchboard.benchmarks.netty.NettyServer",
                "--tcp-raw", Integer.toString(port), "--no-such-option");
        try (ServerProcess server = ServerProcess.start(broken, logs.resolve("broken.log"))) {
            IOException e = assertThrows(IOException.class,
                    () -> server.awaitAccepting(new InetSocketAddress(Ports.HOST, port), TIMEOUT));
            assertTrue(e.getMessage().contains("exited with code 2") && e.getMessage().contains("unknown option --no-such-option"),
                    e.getMessage());
        }
    }
}
