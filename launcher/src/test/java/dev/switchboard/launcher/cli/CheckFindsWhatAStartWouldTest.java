package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.switchboard.launcher.LogCapture;
import dev.switchboard.launcher.TestHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code switchboard check} fails, short of binding, where a start would: each failure exits 2 and
 * names the file and line, the setting and what was expected.
 */
class CheckFindsWhatAStartWouldTest {

    private static final String TCP = "switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, port = 12345 }\n";

    @TempDir
    Path home;

    @Test
    void failsForTwoEndpointsOfOneTransportOnTheSameAddressAndPort() {
        Path file = new TestHome(home).configure("""
                switchboard.endpoints {
                  first { transport = tcp, host = 127.0.0.1, port = 12345 }
                  second { transport = tcp, host = 127.0.0.1, port = 12345 }
                }
                """);
        String error = checkFails();

        assertTrue(error.startsWith(file + ":3: switchboard.endpoints.second.port: endpoints first"
                + " (tcp 127.0.0.1:12345) and second (tcp 127.0.0.1:12345) cannot both listen"), error);
    }

    @Test
    void failsForAPluginsDirThatIsAFile() throws IOException {
        Path file = new TestHome(home).configure("switchboard.plugins.dir = extras\n" + TCP);
        Files.writeString(home.resolve("extras"), "not a folder");
        String error = checkFails();

        assertTrue(error.startsWith(file + ":1: switchboard.plugins.dir: expected a readable folder of plugins"), error);
        assertTrue(error.endsWith(home.resolve("extras") + " is not a folder"), error);
    }

    @Test
    void failsForAPluginsDirThatCannotBeRead() throws IOException {
        Path file = new TestHome(home).configure("switchboard.plugins.dir = extras\n" + TCP);
        Path extras = Files.createDirectory(home.resolve("extras"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
        // root reads any folder whatever its mode: as root there is nothing unreadable to check
        assumeFalse(Files.isReadable(extras), "running as root, which reads a folder of mode 000");
        String error = checkFails();

        assertTrue(error.startsWith(file + ":1: switchboard.plugins.dir: expected a readable folder of plugins"), error);
        assertTrue(error.endsWith(extras + " cannot be read"), error);
    }

    /** @return the one error {@code check} logged, having exited 2 */
    private String checkFails() {
        try (LogCapture log = LogCapture.of("switchboard.launcher")) {
            Run run = Run.of(home, "check");
            assertEquals(2, run.status(), run.toString());
            List<String> errors = log.lines().stream().filter(line -> line.startsWith("SEVERE ")).toList();
            assertEquals(1, errors.size(), errors.toString());
            return errors.get(0).substring("SEVERE ".length());
        }
    }
}
