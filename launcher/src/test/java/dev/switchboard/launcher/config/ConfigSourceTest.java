package dev.switchboard.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.LaunchException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {

    @TempDir
    Path directory;

    private ConfigSource source(String hocon, Properties properties) throws IOException {
        return ConfigSource.open(Files.writeString(directory.resolve("test.conf"), hocon), properties);
    }

    @Test
    void letsASystemPropertyOverrideTheFile() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.tcp.port", "13000");

        EffectiveConfig config = source("switchboard.endpoints.tcp.port = 12000", properties).load(List.of());

        assertEquals(13000, config.config().getInt("switchboard.endpoints.tcp.port"));
    }

    @Test
    void readsASystemPropertyInHoconListSyntaxAsAList() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.tcp.services", "[reverse, uppercase]");

        EffectiveConfig config = source("switchboard.endpoints.tcp.services = [uppercase]", properties).load(List.of());

        assertEquals(List.of("reverse", "uppercase"), config.config().getStringList("switchboard.endpoints.tcp.services"));
    }

    @Test
    void mergesASystemPropertyInHoconObjectSyntaxWithTheFile() throws IOException {
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.tcp", " { port = 13000 }");

        EffectiveConfig config = source("switchboard.endpoints.tcp { transport = tcp, port = 12000 }", properties)
                .load(List.of());

        assertEquals(13000, config.config().getInt("switchboard.endpoints.tcp.port"));
        assertEquals("tcp", config.config().getString("switchboard.endpoints.tcp.transport"));
    }

    @Test
    void namesTheSystemPropertyWhoseHoconIsBad() {
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.tcp.services", "[reverse,");

        LaunchException e = assertThrows(LaunchException.class, () -> source("", properties));

        assertTrue(e.getMessage().startsWith("-Dswitchboard.endpoints.tcp.services: 1: List should have had new element"),
                e.getMessage());
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
    }

    @Test
    void fillsWhatTheFileLeavesOutFromTheReferenceDefaults() throws IOException {
        EffectiveConfig config = source("", new Properties()).load(List.of());

        assertEquals("5s", config.config().getString("switchboard.endpoint-defaults.shutdown-grace"));
        assertEquals(12000, config.config().getInt("switchboard.transports.tcp.port"));
    }

    @Test
    void readsThePluginsDirectoryBeforeThePluginsAreLoaded() throws IOException {
        Home home = new Home(directory);
        assertEquals(directory.resolve("plugins"), source("", new Properties()).pluginsDirectory(home));
        assertEquals(Path.of("/opt/plugins"),
                source("switchboard.plugins.dir = /opt/plugins", new Properties()).pluginsDirectory(home));
    }

    @Test
    void acceptsAPluginsDirectoryThatDoesNotExist() throws IOException {
        assertEquals(directory.resolve("none"),
                source("switchboard.plugins.dir = none", new Properties()).pluginsDirectory(new Home(directory)));
    }

    @Test
    void refusesAPluginsDirectoryThatIsAFileNamingWhereItIsSet() throws IOException {
        Path file = Files.writeString(directory.resolve("plugins.jar"), "not a folder");
        ConfigSource source = source("\nswitchboard.plugins.dir = plugins.jar", new Properties());

        LaunchException e = assertThrows(LaunchException.class, () -> source.pluginsDirectory(new Home(directory)));

        assertEquals(directory.resolve("test.conf") + ":2: switchboard.plugins.dir: expected a readable folder of plugins"
                + " (or one that does not exist: no plugins), got \"plugins.jar\": " + file + " is not a folder",
                e.getMessage());
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
    }

    @Test
    void refusesAPluginsDirectoryItCannotRead() throws IOException {
        Path plugins = Files.createDirectory(directory.resolve("plugins"));
        Files.setPosixFilePermissions(plugins, Set.of());
        try {
            assumeFalse(Files.isReadable(plugins), "this user reads any folder (root)");
            ConfigSource source = source("switchboard.plugins.dir = plugins", new Properties());

            LaunchException e = assertThrows(LaunchException.class, () -> source.pluginsDirectory(new Home(directory)));

            assertTrue(e.getMessage().endsWith(plugins + " cannot be read"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
