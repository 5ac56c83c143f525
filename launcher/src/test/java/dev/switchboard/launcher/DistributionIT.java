package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.testkit.StreamClient;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** A unix endpoint on the socket file given by {@code formatted}. */
    private static final String UNIX = """
            switchboard.endpoints.unix { transport = unix, path = "%s", framing = line, threads = 1, shutdown-grace = 1s }
            """;

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

    private Path config(String hocon) throws IOException {
        return Files.writeString(directory.resolve("test.conf"), hocon);
    }

    private void start(String... args) throws IOException {
        start(HOME, Map.of(), args);
    }

    private void start(Path home, String... args) throws IOException {
        start(home, Map.of(), args);
    }

    private void start(Map<String, String> environment, String... args) throws IOException {
        start(HOME, environment, args);
    }

    private void start(Path home, Map<String, String> environment, String... args) throws IOException {
        startUnder(List.of(), home, environment, args);
    }

    /** Starts bin/switchboard through {@code launcher}, such as {@code nohup}, which then becomes the server. */
    private void startUnder(List<String> launcher, Path home, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(launcher);
        command.add(home.resolve("bin/switchboard").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("SWITCHBOARD_CDS");
        // The admin endpoint on a free port: 9464 may be taken, by a server running on this machine say.
        builder.environment().put("CONFIG_FORCE_switchboard_admin_port", "0");
        builder.environment().putAll(environment);
        process = builder.start();
        output = new ServerOutput(process);
    }

    private Matcher awaitLine(String pattern) throws InterruptedException {
        return output.awaitLine(pattern);
    }

    /** A copy of the distribution, with its files' times but without class-data archives and their notes. */
    private Path copyOfTheDistribution() throws IOException {
        Path copy = directory.resolve("switchboard");
        try (Stream<Path> files = Files.walk(HOME)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = copy.resolve(HOME.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().matches(".*\\.(jsa|aot|home)")) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return copy;
    }

    /** The class-data archive bin/switchboard keeps for this test's Java runtime: an ahead-of-time cache from Java 25. */
    private static Path archive(Path home) {
        String kind = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        return home.resolve("cds").resolve(System.getProperty("java.runtime.version") + kind);
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
        return output.whole();
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
    void servesAPlainPluginJarThatUsesAJdkModuleTheLauncherItselfDoesNot() throws Exception {
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        Files.copy(TestPlugins.sqlServiceJar(Files.createDirectories(directory.resolve("build"))),
                plugins.resolve("sqltime.jar"));
        start("--config", config("""
                switchboard.plugins.dir = "%s"
                switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1, services = [sqltime] }
                """.formatted(plugins)).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));

        assertEquals("hi@1970-01-01T00:00:00Z", Loopback.tcp(new InetSocketAddress("127.0.0.1", port), "hi", 23));
        awaitLine("switchboard\\.plugins  plugin sqltime\\.jar uses JDK modules java\\.sql$");
    }

    @Test
    void startsAndStopsWithoutAWarning() throws Exception {
        start("--config", config(TCP).toString());
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");
        process.toHandle().destroy();

        assertEquals(0, exitStatus());
        String output = allOutput();
        if (hangUpIgnoredHere()) { // the server inherited that, and rightly warns that SIGHUP cannot reload
            output = output.replaceFirst("WARNING switchboard\\.launcher  SIGHUP cannot reload: [^\n]*", "");
        }
        assertFalse(output.contains("WARNING"), output);
    }

    @Test
    void servesOnTransparentHugePagesWhereTheKernelHasThem() throws Exception {
        Path modes = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        assumeTrue(Files.isReadable(modes), "no transparent huge pages here");
        start("--config", config(TCP).toString());
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");

        // bin/switchboard execs the JVM, so the process is the JVM and its command line is the JVM's.
        String commandLine = Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
        assertEquals(!Files.readString(modes).contains("[never]"),
                List.of(commandLine.split("\0")).contains("-XX:+UseTransparentHugePages"), commandLine);
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
    void readsAListInHoconSyntaxFromADashDArgument() throws Exception {
        start("--check", "-Dswitchboard.endpoints.tcp.services=[uppercase, uppercase]", "--config", config(TCP).toString());

        assertEquals(0, exitStatus());
        awaitLine("^tcp 127\\.0\\.0\\.1:0 raw, 1 loop -> \\[uppercase, uppercase\\]$");
    }

    @Test
    void takesAnOverrideFromAConfigForceEnvironmentVariable() throws Exception {
        start(Map.of("CONFIG_FORCE_switchboard_endpoints_tcp_port", "13000"), "--check", "--config", config(TCP).toString());

        assertEquals(0, exitStatus());
        awaitLine("^tcp 127\\.0\\.0\\.1:13000 raw, 1 loop -> \\[uppercase\\]$");
    }

    @Test
    void substitutesAnOptionalEnvironmentVariableInTheFile() throws Exception {
        String tcp = """
                switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, threads = 1, port = 12000, port = ${?TCP_PORT} }
                """;
        start(Map.of("TCP_PORT", "13001"), "--check", "--config", config(tcp).toString());

        assertEquals(0, exitStatus());
        awaitLine("^tcp 127\\.0\\.0\\.1:13001 raw, 1 loop -> \\[uppercase\\]$");
    }

    @Test
    void logsAsALoggingConfigurationGivenInJavaOptsSaysInJsonLines() throws Exception {
        Path logging = Files.writeString(directory.resolve("json-logging.properties"), """
                handlers = java.util.logging.ConsoleHandler
                java.util.logging.ConsoleHandler.formatter = dev.switchboard.launcher.logging.JsonLinesFormatter
                """);
        start(Map.of("JAVA_OPTS", "-Djava.util.logging.config.file=" + logging), "--config", config(TCP).toString());

        awaitLine("^\\{\"time\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d\","
                + "\"level\":\"INFO\",\"logger\":\"switchboard\\.launcher\",\"message\":\"ready in \\d+ ms\"\\}$");
    }

    @Test
    void logsEachEventWithItsTimeInIso8601WithTheOffset() throws Exception {
        start("--config", config(TCP).toString());

        awaitLine("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d INFO    switchboard\\.launcher  ready in \\d+ ms$");
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

    /** Runs bin/switchboard of {@code home} to its end, beside the process {@link #start} started: its status and output. */
    private static Ended runToEnd(Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/switchboard").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("SWITCHBOARD_CDS");
        Process client = builder.start();
        client.getOutputStream().close();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(client.waitFor(30, TimeUnit.SECONDS), "still running");
        return new Ended(client.exitValue(), output.lines().toList());
    }

    /**
     * @param status the exit status
     * @param lines the output, standard error included
     */
    private record Ended(int status, List<String> lines) {}

    @Test
    void sendsARequestWithTheSendCommandWithoutRecordingAnArchive() throws Exception {
        start("--config", config(TCP).toString());
        int port = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));
        Path client = copyOfTheDistribution();

        Ended send = runToEnd(client, "send", "tcp://127.0.0.1:" + port, "hello");

        assertEquals(new Ended(0, List.of("HELLO")), send);
        assertFalse(Files.exists(archive(client)), "a client records no class-data archive");
    }

    @Test
    void listsTheBuiltInTransportsAndServicesWithThePluginsCommand() throws Exception {
        Ended plugins = runToEnd(HOME, "plugins");

        assertEquals(0, plugins.status(), plugins.lines().toString());
        for (String provider : List.of("transport +tcp .* built in", "transport +udp .* built in", "service +uppercase .* built in")) {
            assertTrue(plugins.lines().stream().anyMatch(line -> line.matches(provider)), provider + " in " + plugins.lines());
        }
    }

    @Test
    void shipsTheUnixTransportInPluginsNotInLib() throws IOException {
        try (Stream<Path> plugins = Files.list(HOME.resolve("plugins")); Stream<Path> lib = Files.list(HOME.resolve("lib"))) {
            assertEquals(1, plugins.filter(DistributionIT::isUnixTransportJar).count());
            assertEquals(0, lib.filter(DistributionIT::isUnixTransportJar).count());
        }
    }

    private static boolean isUnixTransportJar(Path file) {
        return file.getFileName().toString().matches("switchboard-transport-unix-.*\\.jar");
    }

    /** Starts the distribution with a unix endpoint on {@code socket} and waits until it serves. */
    private void startWithAUnixEndpoint(Path socket) throws Exception {
        start("--config", config(UNIX.formatted(socket)).toString());
        awaitLine("switchboard\\.launcher  unix " + Pattern.quote(socket.toString()) + " line, 1 loop -> \\[uppercase\\]$");
    }

    @Test
    void loadsTheUnixTransportFromPluginsAndServesItsSocketFileUntilTerminated() throws Exception {
        Path socket = directory.resolve("upper.sock");
        startWithAUnixEndpoint(socket);
        awaitLine("switchboard\\.plugins  plugin switchboard-transport-unix-\\S+\\.jar \\(dev\\.switchboard\\.transport\\.unix\\)"
                + " transports \\[unix\\]$");

        try (StreamClient client = StreamClient.connect(UnixDomainSocketAddress.of(socket))) {
            assertEquals("HELLO\n", client.send("hello\n").readLine());
        }
        process.toHandle().destroy();

        assertEquals(0, exitStatus());
        awaitLine("switchboard\\.launcher  unix stopped: 1 requests, 1 replies, no refusals$");
        assertFalse(Files.exists(socket), "the socket file removed on stop");
    }

    @Test
    void answersSocatOnAUnixEndpoint() throws Exception {
        assumeTrue(onThePath("socat"), "socat is not installed (apt-get install socat): not run; the StreamClient"
                + " test above talks to the same socket file");
        Path socket = directory.resolve("upper.sock");
        startWithAUnixEndpoint(socket);

        Process socat = new ProcessBuilder("socat", "-", "UNIX-CONNECT:" + socket).redirectErrorStream(true).start();
        try {
            socat.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
            socat.getOutputStream().close(); // as `echo hello | socat ...` does: socat then shuts its side down
            assertTrue(socat.waitFor(10, TimeUnit.SECONDS), "socat still running");
            assertEquals("HELLO\n", new String(socat.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, socat.exitValue());
        } finally {
            socat.destroyForcibly();
        }
    }

    /** A line-framed endpoint named {@code name} on a port of its own. */
    private static String linesEndpoint(String name) {
        return "switchboard.endpoints." + name + " { transport = tcp, host = 127.0.0.1, port = 0, threads = 1,"
                + " framing = line, shutdown-grace = 1s }\n";
    }

    /** Sends the server SIGHUP, as {@code kill -HUP} does: bin/switchboard became the JVM, so its process is the server. */
    private void hangUp() throws Exception {
        Process kill = new ProcessBuilder("kill", "-HUP", String.valueOf(process.pid())).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill still running");
        assertEquals(0, kill.exitValue());
    }

    private int port(String endpoint) throws InterruptedException {
        return Integer.parseInt(awaitLine("switchboard\\.launcher  (endpoint " + endpoint + " added: )?" + endpoint
                + " \\(tcp\\) 127\\.0\\.0\\.1:(\\d+) line").group(2));
    }

    /**
     * Whether this process ignores SIGHUP (run under {@code nohup}, say): the server would inherit
     * that, and the JVM leaves an ignored SIGHUP ignored, so reloading by it cannot be tested here.
     */
    private static boolean hangUpIgnoredHere() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 1) != 0;
            }
        }
        return false;
    }

    @Test
    void answersOnAnEndpointAddedToTheFileAfterSighupWhileAnOpenSessionKeepsWorking() throws Exception {
        assumeFalse(hangUpIgnoredHere(), "this process ignores SIGHUP (nohup?), and so would the server");
        Path file = config(linesEndpoint("first"));
        start("--config", file.toString());
        int first = port("first");
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");
        try (StreamClient session = StreamClient.connect(new InetSocketAddress("127.0.0.1", first))) {
            assertEquals("ONE\n", session.send("one\n").readLine());

            Files.writeString(file, linesEndpoint("first") + linesEndpoint("second"));
            hangUp();

            int second = port("second");
            try (StreamClient added = StreamClient.connect(new InetSocketAddress("127.0.0.1", second))) {
                assertEquals("NEW\n", added.send("new\n").readLine());
            }
            assertEquals("TWO\n", session.send("two\n").readLine());
        }
        assertTrue(process.isAlive(), "SIGHUP reloads; it does not stop the server");
    }

    @Test
    void keepsServingAndLogsTheErrorWhenSighupFindsABrokenEdit() throws Exception {
        assumeFalse(hangUpIgnoredHere(), "this process ignores SIGHUP (nohup?), and so would the server");
        Path file = config(linesEndpoint("first"));
        start("--config", file.toString());
        int first = port("first");
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");

        Files.writeString(file, linesEndpoint("first") + "switchboard.endpoints.first.port = lots\n");
        hangUp();

        awaitLine("SEVERE  switchboard\\.launcher  .*test\\.conf:2: switchboard\\.endpoints\\.first\\.port: expected an integer");
        awaitLine("SEVERE  switchboard\\.launcher  reload refused, nothing changed");
        try (StreamClient session = StreamClient.connect(new InetSocketAddress("127.0.0.1", first))) {
            assertEquals("STILL\n", session.send("still\n").readLine());
        }
    }

    @Test
    void saysSighupCannotReloadWhenStartedUnderNohup() throws Exception {
        assumeTrue(onThePath("nohup"), "nohup is not installed: not run");
        Path file = config(linesEndpoint("first"));
        startUnder(List.of("nohup"), HOME, Map.of(), "--config", file.toString());

        awaitLine("WARNING switchboard\\.launcher  SIGHUP cannot reload: this process started with it ignored");
        int first = port("first");
        try (StreamClient session = StreamClient.connect(new InetSocketAddress("127.0.0.1", first))) {
            assertEquals("STILL\n", session.send("still\n").readLine());
        }
    }

    /** Both built-in transports, on free ports. */
    private static final String UDP_AND_TCP = """
            switchboard.endpoint-defaults { shutdown-grace = 1s }
            switchboard.endpoints {
              udp { transport = udp, host = 127.0.0.1, port = 0, threads = 1 }
              tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1 }
            }
            """;

    /** @return the status and body of {@code GET http://127.0.0.1:<port><path>} */
    private static String get(int port, String path) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + path).toURL()
                .openConnection();
        connection.setConnectTimeout(10_000);
        connection.setReadTimeout(10_000);
        try {
            int status = connection.getResponseCode();
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                return status + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            connection.disconnect();
        }
    }

    @Test
    void servesMetricsThatCountWhatTheSendCommandSendsAndIsReadyWhileServing() throws Exception {
        start("--config", config(UDP_AND_TCP).toString());
        int admin = Integer.parseInt(awaitLine(
                "switchboard\\.launcher  admin http://127\\.0\\.0\\.1:(\\d+)/metrics, /health/live, /health/ready$").group(1));
        int tcp = Integer.parseInt(awaitLine("switchboard\\.launcher  tcp 127\\.0\\.0\\.1:(\\d+) raw").group(1));
        int udp = Integer.parseInt(awaitLine("switchboard\\.launcher  udp 127\\.0\\.0\\.1:(\\d+) ").group(1));
        awaitLine("switchboard\\.launcher  ready in \\d+ ms");
        assertEquals("200 {\"status\":\"ready\",\"endpoints\":{\"tcp\":\"serving\",\"udp\":\"serving\"}}",
                get(admin, "/health/ready"));
        String before = get(admin, "/metrics");
        assertTrue(before.contains("\nswitchboard_requests_total{endpoint=\"udp\",transport=\"udp\"} 0.0\n"), before);
        assertTrue(before.contains("\nswitchboard_requests_total{endpoint=\"tcp\",transport=\"tcp\"} 0.0\n"), before);

        assertEquals(new Ended(0, List.of("HELLO")), runToEnd(HOME, "send", "udp://127.0.0.1:" + udp, "hello"));
        assertEquals(new Ended(0, List.of("HELLO")), runToEnd(HOME, "send", "tcp://127.0.0.1:" + tcp, "hello"));

        String after = get(admin, "/metrics");
        assertTrue(after.startsWith("200 "), after);
        for (String endpoint : List.of("udp", "tcp")) {
            String labels = "{endpoint=\"" + endpoint + "\",transport=\"" + endpoint + "\"}";
            assertTrue(after.contains("\nswitchboard_requests_total" + labels + " 1.0\n"), after);
            assertTrue(after.contains("\nswitchboard_replies_total" + labels + " 1.0\n"), after);
            assertTrue(after.contains("\nswitchboard_service_seconds_count" + labels + " 1\n"), after);
        }
        assertTrue(after.contains("\njvm_threads_current "), after);
        Ended stats = runToEnd(HOME, "stats", "--admin", "127.0.0.1:" + admin);
        assertEquals(0, stats.status(), stats.lines().toString());
        assertTrue(stats.lines().get(2).matches("udp +udp +1 +1 +5 +5 +0 +0 +- +0"), stats.lines().toString());
    }

    @Test
    void packsTheDistributionWithTheReadmeAndTheSystemdUnitIntoATarball() throws Exception {
        Path tarball;
        try (Stream<Path> files = Files.list(HOME.getParent())) {
            tarball = files.filter(file -> file.getFileName().toString().matches("switchboard-.+\\.tar\\.gz"))
                    .findFirst().orElseThrow(() -> new AssertionError("no switchboard-<version>.tar.gz beside " + HOME));
        }
        String top = tarball.getFileName().toString().replaceFirst("\\.tar\\.gz$", "/");

        Ended listing = run("tar", "-tvzf", tarball.toString());

        assertEquals(0, listing.status(), listing.lines().toString());
        List<String> entries = listing.lines();
        for (String entry : List.of("-rwxr-xr-x .* bin/switchboard", "-rw-r--r-- .* lib/switchboard-launcher-.+\\.jar",
                "-rw-r--r-- .* lib/switchboard-admin-.+\\.jar", "-rw-r--r-- .* config/switchboard\\.conf",
                "-rw-r--r-- .* plugins/switchboard-transport-unix-.+\\.jar", "-rw-r--r-- .* cds/training\\.conf",
                "-rw-r--r-- .* README\\.md", "-rw-r--r-- .* deploy/systemd/switchboard\\.service")) {
            String path = entry.substring(entry.indexOf(".* ") + 3);
            assertTrue(entries.stream().anyMatch(line -> line.matches(entry.substring(0, entry.indexOf(' '))
                    + " .* " + Pattern.quote(top) + path)), top + path + " in " + entries);
        }
        assertFalse(entries.stream().anyMatch(line -> line.endsWith(".jsa")), "no class-data archive: " + entries);
    }

    /** Runs {@code command} to its end: its status and output. */
    private static Ended run(String... command) throws IOException, InterruptedException {
        Process run = new ProcessBuilder(command).redirectErrorStream(true).start();
        run.getOutputStream().close();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS), "still running");
        return new Ended(run.exitValue(), output.lines().toList());
    }

    private static boolean onThePath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, command)));
    }
}
