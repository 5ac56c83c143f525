package dev.switchboard.launcher.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
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
    void fillsWhatTheFileLeavesOutFromTheReferenceDefaults() throws IOException {
        EffectiveConfig config = source("", new Properties()).load(List.of());

        assertEquals("5s", config.config().getString("switchboard.endpoint-defaults.shutdown-grace"));
        assertEquals(12000, config.config().getInt("switchboard.transports.tcp.port"));
    }

    @Test
    void readsThePluginsDirectoryBeforeThePluginsAreLoaded() throws IOException {
        assertEquals("plugins", source("", new Properties()).pluginsDirectory());
        assertEquals("/opt/plugins", source("switchboard.plugins.dir = /opt/plugins", new Properties()).pluginsDirectory());
    }
}
