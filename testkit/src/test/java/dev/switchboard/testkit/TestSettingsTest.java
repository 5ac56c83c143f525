package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.switchboard.api.Settings;
import org.junit.jupiter.api.Test;

class TestSettingsTest {

    @Test
    void overridesFallBackToTheReferenceDefaults() {
        Settings settings = TestSettings.forService("echo", "times = 3");
        assertEquals(3, settings.integer("times", 0, 10));
        assertEquals("!", settings.string("suffix"));
        assertEquals("switchboard.services.echo", settings.path());
    }

    @Test
    void aComponentWithoutDefaultsSeesOnlyItsOverrides() {
        Settings settings = TestSettings.forTransport("unknown", "port = 0");
        assertEquals(0, settings.integer("port", 0, 65535));
        assertFalse(settings.has("host"));
    }
}
