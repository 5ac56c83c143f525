package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.TestPlugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard config}: every effective value of switchboard.* with where it came from. */
class ConfigCommandTest {

    @TempDir
    Path home;

    private TestHome testHome;
    private Path file;

    @BeforeEach
    void configure() {
        testHome = new TestHome(home);
        file = testHome.configure("""
                # the test's configuration
                switchboard.endpoints {
                  tcp { transport = tcp, port = 12345, framing = line }
                }
                """);
    }

    private static String line(Run run, String path) {
        return run.lines().stream().filter(line -> line.startsWith(path + " = ")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in\n" + run));
    }

    private static String origin(String line) {
        return line.substring(line.indexOf(" # ") + 3);
    }

    @Test
    void namesTheFileAndLineOfAConfiguredValue() {
        Run run = Run.of(home, "config");

        assertEquals(0, run.status(), run.toString());
        String port = line(run, "switchboard.endpoints.tcp.port");
        assertTrue(port.startsWith("switchboard.endpoints.tcp.port = 12345 "), port);
        assertEquals(file + ":3", origin(port));
        assertEquals(file + ":3", origin(line(run, "switchboard.endpoints.tcp.framing")));
    }

    @Test
    void namesTheModuleWhoseReferenceConfHoldsADefault() {
        Run run = Run.of(home, "config");

        String backlog = line(run, "switchboard.transports.tcp.backlog");
        assertTrue(backlog.startsWith("switchboard.transports.tcp.backlog = 1024 "), backlog);
        assertTrue(origin(backlog).matches("stream\\.conf:\\d+ of dev\\.switchboard\\.transport\\.stream"), backlog);
    }

    @Test
    void namesAPluginsModuleForItsDefaults() throws IOException {
        Files.copy(TestPlugins.reverseJar(), testHome.plugins().resolve(TestPlugins.reverseJar().getFileName()));

        Run run = Run.of(home, "config");

        String reverse = run.lines().stream().filter(line -> line.startsWith("switchboard.services.reverse.")).findFirst()
                .orElseThrow(() -> new AssertionError(run.toString()));
        assertTrue(origin(reverse).matches("reference\\.conf:\\d+ of dev\\.switchboard\\.examples\\.reverse"), reverse);
    }

    @Test
    void namesASystemPropertyOverride() {
        Run run = Run.of(home, "config", "-Dswitchboard.endpoints.tcp.port=13000");

        String port = line(run, "switchboard.endpoints.tcp.port");
        assertTrue(port.startsWith("switchboard.endpoints.tcp.port = \"13000\" "), port); // a property is a string
        assertEquals("-D (system property)", origin(port));
    }

    @Test
    void printsOnlySwitchboardSettingsSortedByPath() {
        Run run = Run.of(home, "config");

        List<String> paths = run.lines().stream().map(line -> line.substring(0, line.indexOf(" = "))).toList();
        assertTrue(paths.size() > 10, run.toString());
        assertTrue(paths.stream().allMatch(path -> path.startsWith("switchboard.")), run.toString());
        assertEquals(paths.stream().sorted().toList(), paths);
    }
}
