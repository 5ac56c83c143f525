package dev.switchboard.settings;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import dev.switchboard.api.SettingsException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeclaredKeysTest {

    private static final Config REFERENCE = ConfigFactory.parseString("switchboard.transports.tcp { port = 1, host = x }");

    private static ConfigObject block(String hocon) {
        return ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription("my.conf")).root();
    }

    @Test
    void refusesAKeyNeitherTheDefaultsNorTheHostDeclareNamingWhereAndWhatIsKnown() {
        SettingsException e = assertThrows(SettingsException.class, () -> DeclaredKeys.requireDeclared(
                block("port = 2\nprot = 3"), "switchboard.endpoints.a", "transport tcp", REFERENCE,
                "switchboard.transports.tcp", Set.of("enabled")));
        assertEquals("my.conf: 2: switchboard.endpoints.a.prot: unknown setting for transport tcp;"
                + " known settings: enabled, host, port", e.getMessage());
    }

    @Test
    void quotesAKeyThatIsNotASimplePathElement() {
        SettingsException e = assertThrows(SettingsException.class, () -> DeclaredKeys.requireDeclared(
                block("\"a.b\" = 1"), "switchboard.endpoints.a", "transport tcp", REFERENCE,
                "switchboard.transports.tcp", Set.of()));
        assertEquals("my.conf: 1: switchboard.endpoints.a.\"a.b\": unknown setting for transport tcp;"
                + " known settings: host, port", e.getMessage());
    }

    @Test
    void acceptsTheHostsOwnKeys() {
        assertDoesNotThrow(() -> DeclaredKeys.requireDeclared(block("enabled = false, port = 2"),
                "switchboard.endpoints.a", "transport tcp", REFERENCE, "switchboard.transports.tcp", Set.of("enabled")));
    }

    @Test
    void acceptsAnyKeyOfAComponentWithoutDefaults() {
        assertDoesNotThrow(() -> DeclaredKeys.requireDeclared(block("anything = 1"),
                "switchboard.endpoints.a", "transport mock", REFERENCE, "switchboard.transports.mock", Set.of()));
    }
}
