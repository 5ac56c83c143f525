package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.config.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard}, {@code serve} and {@code check}, and the flags they had before there were commands. */
class ServerCommandsTest {

    private static final String TCP = """
            switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, port = 12345, threads = 1 }
            """;

    @TempDir
    Path home;

    private Path defaultConfig;

    @BeforeEach
    void configure() {
        defaultConfig = new TestHome(home).configure(TCP);
    }

    private Path otherConfig() throws IOException {
        return Files.writeString(home.resolve("other.conf"), TCP.replace("12345", "23456"));
    }

    private static Path servedFile(Run run) {
        assertEquals(1, run.served().size(), run.toString());
        return run.served().get(0).get(EffectiveConfig.class).file();
    }

    @Test
    void servesTheDefaultConfigurationWithoutArguments() {
        Run run = Run.of(home);

        assertEquals(0, run.status(), run.toString());
        assertEquals(defaultConfig, servedFile(run));
    }

    @Test
    void servesTheFileOfTheConfigFlag() throws IOException {
        Path other = otherConfig();

        assertEquals(other, servedFile(Run.of(home, "--config", other.toString())));
        assertEquals(other, servedFile(Run.of(home, "--config=" + other)));
    }

    @Test
    void servesWithTheServeCommand() throws IOException {
        Path other = otherConfig();

        assertEquals(defaultConfig, servedFile(Run.of(home, "serve")));
        assertEquals(other, servedFile(Run.of(home, "serve", "--config", other.toString())));
    }

    @Test
    void checksInsteadOfServingWithTheCheckFlag() {
        Run run = Run.of(home, "--check");

        assertEquals(0, run.status(), run.toString());
        assertEquals("tcp 127.0.0.1:12345 raw, 1 loop -> [uppercase]\n", run.out());
        assertTrue(run.served().isEmpty());
    }

    @Test
    void checksWithTheCheckCommandAndItsConfigOption() throws IOException {
        Run run = Run.of(home, "check", "--config", otherConfig().toString());

        assertEquals(0, run.status(), run.toString());
        assertEquals("tcp 127.0.0.1:23456 raw, 1 loop -> [uppercase]\n", run.out());
    }

    @Test
    void overridesASettingWithDashD() {
        Run run = Run.of(home, "check", "-Dswitchboard.endpoints.tcp.port=13000");

        assertEquals("tcp 127.0.0.1:13000 raw, 1 loop -> [uppercase]\n", run.out(), run.toString());
    }

    @Test
    void exitsTwoOnABadConfiguration() {
        new TestHome(home).configure("switchboard.endpoints.tcp { transport = tpc }");

        assertEquals(2, Run.of(home, "check").status());
    }

    @Test
    void printsTheUsageWithTheHelpFlag() {
        Run run = Run.of(home, "--help");

        assertEquals(0, run.status());
        assertTrue(run.out().startsWith("usage: switchboard "), run.out());
        assertTrue(run.served().isEmpty());
    }

    @Test
    void printsTheVersionWithTheVersionFlag() {
        Run run = Run.of(home, "--version");

        assertEquals(0, run.status());
        assertTrue(run.out().matches("switchboard \\S+ \\(Java " + Pattern.quote(Runtime.version().toString()) + "\\)\n"),
                run.out());
    }

    @Test
    void namesAnUnknownOptionInOneLineThenTheSynopsisAndExitsTwo() {
        Run run = Run.of(home, "--frobnicate");

        assertEquals(2, run.status());
        assertEquals("switchboard: unknown option --frobnicate", run.err().lines().findFirst().orElseThrow());
        assertTrue(run.err().contains("\nusage: switchboard "), run.err());
        assertTrue(run.served().isEmpty());
    }

    @Test
    void namesAnUnexpectedArgument() {
        Run run = Run.of(home, "app.conf");

        assertEquals(2, run.status());
        assertEquals("switchboard: unexpected argument app.conf", run.err().lines().findFirst().orElseThrow());
    }

    @Test
    void asksForTheConfigOptionAfterTheCommand() {
        Run run = Run.of(home, "--config", "other.conf", "plugins");

        assertEquals(2, run.status());
        assertEquals("switchboard: --config before the command plugins: a command's options go after it"
                + " ('switchboard plugins --help' lists them)",
                run.err().lines().findFirst().orElseThrow());
    }
}
