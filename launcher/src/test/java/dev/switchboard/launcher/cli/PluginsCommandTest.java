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

/** {@code switchboard plugins}: what was found, from where, and what failed. */
class PluginsCommandTest {

    @TempDir
    Path home;

    private TestHome testHome;

    @BeforeEach
    void configure() {
        testHome = new TestHome(home);
        testHome.configure("switchboard.endpoints {}");
    }

    private static String version(String module) {
        return ModuleLayer.boot().findModule(module).orElseThrow().getDescriptor().rawVersion().orElseThrow();
    }

    private static List<String> columns(Run run, String kind, String name) {
        return run.lines().stream()
                .map(line -> List.of(line.split("\\s{2,}")))
                .filter(cells -> cells.get(0).equals(kind) && cells.get(1).equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in\n" + run));
    }

    @Test
    void listsTheBuiltInTransportsAndServicesWithTheirModuleAndVersion() {
        Run run = Run.of(home, "plugins");

        assertEquals(0, run.status(), run.toString());
        assertEquals(List.of("KIND", "NAME", "MODULE", "VERSION", "ORIGIN"), List.of(run.lines().get(1).split("\\s+")));
        assertEquals(List.of("transport", "tcp", "dev.switchboard.transport.tcp", version("dev.switchboard.transport.tcp"),
                "built in"), columns(run, "transport", "tcp"));
        assertEquals(List.of("transport", "udp", "dev.switchboard.transport.udp", version("dev.switchboard.transport.udp"),
                "built in"), columns(run, "transport", "udp"));
        assertEquals(List.of("service", "uppercase", "dev.switchboard.service.uppercase",
                version("dev.switchboard.service.uppercase"), "built in"), columns(run, "service", "uppercase"));
    }

    @Test
    void listsAPluginsServiceWithItsJar() throws IOException {
        Files.copy(TestPlugins.reverseJar(), testHome.plugins().resolve(TestPlugins.reverseJar().getFileName()));

        Run run = Run.of(home, "plugins");

        assertEquals(0, run.status(), run.toString());
        assertEquals("plugins folder: " + home.resolve("plugins").toAbsolutePath(), run.lines().get(0));
        List<String> reverse = columns(run, "service", "reverse");
        assertEquals("dev.switchboard.examples.reverse", reverse.get(2));
        assertEquals("plugin " + TestPlugins.reverseJar().getFileName(), reverse.get(4));
    }

    @Test
    void listsAPluginThatFailedToLoadWithWhyAndExitsOne() throws IOException {
        Files.writeString(testHome.plugins().resolve("corrupt.jar"), "not a jar");

        Run run = Run.of(home, "plugins");

        assertEquals(1, run.status(), run.toString());
        int heading = run.lines().indexOf("not loaded:");
        assertTrue(heading > 0, run.toString());
        assertTrue(run.lines().get(heading + 1).startsWith("  plugin corrupt.jar not loaded: "), run.toString());
        columns(run, "transport", "tcp");
    }
}
