package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configurations the distribution ships pass {@code --check} and configure what they say. */
class ExampleConfigurationsTest {

    private static final Path CONFIG = Path.of(System.getProperty("test.config"));

    @TempDir
    Path directory;

    /** The lines {@code --check} prints for a shipped configuration, with the example plugin installed. */
    private List<String> check(String file) throws IOException {
        TestHome home = new TestHome(directory);
        Files.copy(TestPlugins.reverseJar(), home.plugins().resolve(TestPlugins.reverseJar().getFileName()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Launcher launcher = Launcher.create(CommandLine.parse("--config", CONFIG.resolve(file).toString()),
                new Home(directory), new Properties());
        assertEquals(0, launcher.check(new PrintStream(out, true, StandardCharsets.UTF_8)));
        return out.toString(StandardCharsets.UTF_8).lines().map(line -> line.replaceAll("\\d+ (loop|socket)s?", "N $1s"))
                .toList();
    }

    @Test
    void theDefaultConfigurationServesTheExercise() throws IOException {
        assertEquals(List.of("tcp 0.0.0.0:12000 raw, N loops -> [uppercase]", "udp 0.0.0.0:12000, N sockets -> [uppercase]"),
                check("switchboard.conf"));
    }

    @Test
    void theHardenedExampleFramesTcpByLinesSoThatItsBoundHolds() throws IOException {
        assertEquals(List.of("tcp 0.0.0.0:12000 line, N loops -> [uppercase]", "udp 0.0.0.0:12000, N sockets -> [uppercase]"),
                check("examples/hardened.conf"));
    }

    @Test
    void theTwoServicesExampleChainsThePluginAndUppercase() throws IOException {
        assertEquals(List.of("chained (tcp) 0.0.0.0:12001 line, N loops -> [reverse, uppercase]"),
                check("examples/two-services.conf"));
    }

    @Test
    void theLineAndRawExampleAddsALineEndpoint() throws IOException {
        assertEquals(List.of("lines (tcp) 0.0.0.0:12002 line, N loops -> [uppercase]",
                "tcp 0.0.0.0:12000 raw, N loops -> [uppercase]", "udp 0.0.0.0:12000, N sockets -> [uppercase]"),
                check("examples/line-and-raw.conf"));
    }

    @Test
    void theAsciiOnlyExampleConfiguresTheServiceForItsEndpoint() throws IOException {
        assertEquals(List.of("tcp 0.0.0.0:12000 raw, N loops -> [uppercase]"), check("examples/ascii-only.conf"));
    }
}
