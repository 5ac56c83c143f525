package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The assembled distribution, run as a user runs it: {@code bin/switchboard} in a process of its own. */
@Timeout(60)
class DistributionIT {

    private static final Path HOME = Path.of(System.getProperty("test.distribution"));
    private static final String TCP = """
            switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1, shutdown-grace = 1s }
            """;

    @TempDir
    Path directory;

    private Process process;
    private Thread reader;
    private final List<String> output = new ArrayList<>();

    @AfterEach
    void kill() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private Path config(String hocon) throws IOException {
        return Files.writeString(directory.resolve("test.conf"), hocon);
    }

    private void start(String... args) throws IOException {
        start(HOME, args);
    }

    private void start(Path home, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/switchboard").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("SWITCHBOARD_CDS");
        process = builder.start();
        reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (output) {
                        output.add(line);
                        output.notifyAll();
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "switchboard-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for a line of output matching {@code pattern}, until the output ends or 30 seconds pass. */
    private Matcher awaitLine(String pattern) throws InterruptedException {
        Pattern compiled = Pattern.compile(pattern);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        synchronized (output) {
            while (true) {
                for (String line : output) {
                    Matcher matcher = compiled.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !reader.isAlive()) {
                    throw new AssertionError("no line matching " + pattern + " in " + output);
                }
                output.wait(Math.min(left, 100));
            }
        }
    }

    /** A copy of the distribution, with its files' times but without class-data archives and their notes. */
    private Path copyOfTheDistribution() throws IOException {
        Path copy = directory.resolve("switchboard");
        try (Stream<Path> files = Files.walk(HOME)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(HOME.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().matches(".*\\.(jsa|home)")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    /** The class-data archive bin/switchboard keeps for this test's Java runtime. */
    private static Path archive(Path home) {
        return home.resolve("cds").resolve(System.getProperty("java.runtime.version") + ".jsa");
    }

    /** Where bin/switchboard notes the folder that archive was recorded in. */
    private static Path archivedHome(Path home) {
        return home.resolve("cds").resolve(System.getProperty("java.runtime.version") + ".home");
    }

    private int exitStatus() throws InterruptedException {
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "still running");
        return process.exitValue();
    }

    private String allOutput() throws InterruptedException {
        exitStatus();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    @Test
    void servesUntilTerminatedThenLogsEachEndpointsFinalCountsAndExitsZero() throws Exception {
        start("--config", config(TCP).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");

        assertEquals("HELLO", Loopback.tcp(new InetSocketAddress("127.0.0.1", port), "hello", 5));
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

        assertEquals(0, exitStatus());
        awaitLine("switchboard\\.launcher  tcp stopped: 1 requests, 1 replies, no refusals$");
    }

    @Test
    void recordsTheClassDataArchiveAgainWhenAJarIsNewerThanIt() throws Exception {
        Path home = copyOfTheDistribution();
        Path archive = Files.writeString(archive(home), "an archive of older jars");
        Files.setLastModifiedTime(archive, FileTime.fromMillis(0));
        Files.writeString(archivedHome(home), home.toRealPath() + "\n");

        start(home, "--config", config(TCP).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));

        assertEquals("HELLO", Loopback.tcp(new InetSocketAddress("127.0.0.1", port), "hello", 5));
        assertTrue(Files.size(archive) > 1 << 20, "the training run's archive, not the old one");
        awaitLine("^switchboard: recording the classes a start loads on Java .* \\(once\\)$");
    }

    @Test
    void recordsTheClassDataArchiveAgainWhenTheDistributionHasMoved() throws Exception {
        Path home = copyOfTheDistribution();
        Path archive = Files.writeString(archive(home), "an archive recorded elsewhere"); // newer than every jar
        Files.writeString(archivedHome(home), "/where/it/was/recorded\n");

        start(home, "--config", config(TCP).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));

        assertEquals("HELLO", Loopback.tcp(new InetSocketAddress("127.0.0.1", port), "hello", 5));
        assertTrue(Files.size(archive) > 1 << 20, "the training run's archive, not the old one");
        assertEquals(home.toRealPath().toString(), Files.readString(archivedHome(home)).strip());
    }

    @Test
    void servesWithoutAWordWhenItsJavaCannotUseTheArchive() throws Exception {
        Path home = copyOfTheDistribution();
        Files.writeString(archive(home), "not a class-data archive"); // newer than every jar, recorded here: kept
        Files.writeString(archivedHome(home), home.toRealPath() + "\n");

        start(home, "--config", config(TCP).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));

        assertEquals("HELLO", Loopback.tcp(new InetSocketAddress("127.0.0.1", port), "hello", 5));
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");
        process.toHandle().destroy();
        assertEquals(0, exitStatus());
        String output = allOutput();
        assertFalse(output.contains("cds") || output.contains("shared archive"), output);
    }

    @Test
    void stopsAndExitsSeventyWhenAnEventLoopDies() throws Exception {
        Path home = copyOfTheDistribution();
        Files.copy(TestPlugins.fatalFramingJar(directory, "fatal.jar", "fatal"), home.resolve("plugins/fatal.jar"));
        start(home, "--config", config("""
                switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1,
                  shutdown-grace = 1s, framing = fatal }
                """).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) fatal").group(1));
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");

        try (Socket client = new Socket("127.0.0.1", port)) {
            client.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            // the grace of 1 s, and the loop already gone: well within the wait for the exit
            assertEquals(70, exitStatus());
        }
        awaitLine("SEVERE  switchboard\\.launcher  endpoint tcp: switchboard-tcp-loop-\\d+ died of java\\.lang\\.InternalError:"
                + " a fault injected by the test; .* exiting");
        awaitLine("switchboard\\.launcher  tcp stopped: ");
    }

    @Test
    void passesDashDArgumentsToTheJvmAsOverrides() throws Exception {
        start("--check", "-Dswitchboard.endpoints.tcp.port=13000", "--config", config(TCP).toString());

        assertEquals(0, exitStatus());
        awaitLine("^tcp 127\\.0\\.0\\.1:13000 raw, 1 loop -> \\[uppercase\\]$");
    }

    @Test
    void explainsABadConfigurationInOneLineAndExitsTwo() throws Exception {
        start("--config", config("switchboard.endpoints.tcp { transport = tpc }").toString());

        assertEquals(2, exitStatus());
        awaitLine("SEVERE  switchboard\\.launcher  .*test\\.conf:1: switchboard\\.endpoints\\.tcp\\.transport:"
                + " unknown transport \"tpc\"; available: tcp ");
        assertFalse(allOutput().contains("\tat "), "no stack trace");
    }

    @Test
    void printsTheUsageAndExitsTwoOnAnUnknownOption() throws Exception {
        start("--frobnicate");

        assertEquals(2, exitStatus());
        awaitLine("^switchboard: unknown option --frobnicate$");
        awaitLine("^usage: switchboard ");
    }
}
