package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution on a 48 MiB heap against hundreds of clients that send without end and never read
 * their replies: the memory budget pauses or refuses them, and every endpoint still answers a client
 * that behaves, without an {@code OutOfMemoryError}.
 */
@Timeout(60)
class SmallHeapIT {

    private static final Path HOME = Path.of(System.getProperty("test.distribution"));
    private static final int HOGS = 300;
    /** What shows that the budget acted: a pause (MemoryPressure) or a memory-budget refusal (Connections). */
    private static final String BUDGET_ACTED =
            "pausing reading from the connection from .*memory budget is near|does not fit in the memory budget";

    @TempDir
    Path directory;

    private Process process;
    private ServerOutput output;

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void neverReadingClientsOnASmallHeapLeaveEveryEndpointAnsweringWithoutAnOutOfMemoryError() throws Exception {
        Path socket = directory.resolve("upper.sock");
        Path config = Files.writeString(directory.resolve("small-heap.conf"), """
                switchboard.endpoints {
                  udp { transport = udp, host = 127.0.0.1, port = 0 }
                  tcp { transport = tcp, host = 127.0.0.1, port = 0 }
                  unix { transport = unix, path = "%s", framing = line }
                }
                """.formatted(socket));
        start("--config", config.toString());
        InetSocketAddress tcp = address(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw"));
        InetSocketAddress udp = address(awaitLine("switchboard\\.launcher  udp 127\\.0\\.0\\.1:(\\d+),"));
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");

        AtomicBoolean stop = new AtomicBoolean();
        Thread hogs = new Thread(() -> flood(tcp, stop), "never-reading-clients");
        hogs.start();
        try {
            awaitLine(BUDGET_ACTED);

            assertEquals("HELLO", Loopback.tcp(tcp, "hello", 5));
            assertEquals("HELLO", Loopback.udp(udp, "hello"));
            try (StreamClient client = StreamClient.connect(UnixDomainSocketAddress.of(socket))) {
                assertEquals("HELLO\n", client.send("hello\n").readLine());
            }
            assertTrue(process.isAlive(), "the server died: " + output.text());
        } finally {
            stop.set(true);
            hogs.join(TimeUnit.SECONDS.toMillis(10));
        }
        process.toHandle().destroy(); // SIGTERM
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
        String whole = output.whole();
        assertFalse(whole.contains("OutOfMemoryError"), whole);
    }

    /**
     * {@link #HOGS} connections, each with a tiny receive buffer so that its replies back up in the
     * server at once, sent to as fast as they take bytes until {@code stop}; a connection the server
     * closes is left closed.
     */
    private static void flood(InetSocketAddress server, AtomicBoolean stop) {
        ByteBuffer chunk = ByteBuffer.wrap("never read ".repeat(1500).getBytes(StandardCharsets.US_ASCII));
        List<SocketChannel> channels = new ArrayList<>();
        try (Selector writable = Selector.open()) {
            for (int i = 0; i < HOGS && !stop.get(); i++) {
                SocketChannel hog = SocketChannel.open();
                channels.add(hog);
                hog.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
                hog.connect(server);
                hog.configureBlocking(false);
                hog.register(writable, SelectionKey.OP_WRITE);
            }
            while (!stop.get()) {
                writable.select(100);
                for (SelectionKey key : writable.selectedKeys()) {
                    try {
                        ((SocketChannel) key.channel()).write(chunk.duplicate());
                    } catch (IOException e) { // closed by the server, as the budget may do
                        key.cancel();
                    }
                }
                writable.selectedKeys().clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            channels.forEach(SmallHeapIT::closeQuietly);
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket the server already closed: nothing left to release
        }
    }

    private static InetSocketAddress address(Matcher portLine) {
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(portLine.group(1)));
    }

    private void start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/switchboard").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS", "-Xmx48m");
        builder.environment().remove("SWITCHBOARD_CDS");
        // The admin endpoint on a free port: 9464 may be taken, by a server running on this machine say.
        builder.environment().put("CONFIG_FORCE_switchboard_admin_port", "0");
        process = builder.start();
        output = new ServerOutput(process);
    }

    private Matcher awaitLine(String pattern) throws InterruptedException {
        return output.awaitLine(pattern);
    }
}
