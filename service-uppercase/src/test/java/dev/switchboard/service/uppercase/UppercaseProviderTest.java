package dev.switchboard.service.uppercase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.SettingsException;
import dev.switchboard.testkit.InMemoryTransport;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UppercaseProviderTest {

    @Test
    void isNamedUppercase() {
        assertEquals("uppercase", new UppercaseProvider().name());
    }

    @Test
    void upperCasesUnicodeByDefault() throws Exception {
        assertEquals(Optional.of("STRASSE"), InMemoryTransport.serving(Uppercasing.service("")).send("straße"));
    }

    @Test
    void upperCasesOnlyAsciiInAsciiMode() throws Exception {
        InMemoryTransport endpoint = InMemoryTransport.serving(Uppercasing.service("mode = ascii"));
        assertEquals(Optional.of("STRAßE"), endpoint.send("straße"));
    }

    @Test
    void rejectsAnUnknownModeNamingThePathAndTheChoices() {
        SettingsException e = assertThrows(SettingsException.class, () -> Uppercasing.service("mode = shout"));
        assertTrue(e.getMessage().contains("switchboard.services.uppercase.mode: expected one of unicode, ascii"),
                e.getMessage());
        assertTrue(e.getMessage().contains("shout"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mode = unicode", "mode = ascii"})
    void createsNonBlockingServices(String settings) {
        assertFalse(Uppercasing.service(settings).isBlocking());
    }
}
