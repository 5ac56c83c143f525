package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
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

    @Test
    void refusesAServiceSettingTheDefaultsDoNotDeclareAsTheLauncherDoes() {
        SettingsException e = assertThrows(SettingsException.class, () -> TestSettings.serviceContext("echo", "tims = 3"));
        assertEquals("TestSettings: 1: switchboard.services.echo.tims: unknown setting for service echo;"
                + " known settings: suffix, times", e.getMessage());
    }

    @Test
    void refusesATransportSettingTheDefaultsDoNotDeclareAsTheLauncherDoes() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> TestSettings.transportContext("pipe", "port = 0\ncapacty = 4"));
        assertEquals("TestSettings: 2: switchboard.endpoints.test.capacty: unknown setting for transport pipe;"
                + " known settings: capacity, port", e.getMessage());
    }
}
