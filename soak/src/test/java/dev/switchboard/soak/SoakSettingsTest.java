package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SoakSettingsTest {

    private static Properties properties(String duration) {
        Properties properties = new Properties();
        properties.setProperty("soak.duration", duration);
        properties.setProperty("soak.heap", "48m");
        properties.setProperty("soak.never-readers", "300");
        properties.setProperty("soak.distribution", "launcher/target/switchboard");
        properties.setProperty("soak.directory", "soak/target");
        return properties;
    }

    @Test
    void readsEverySettingFromItsProperty() {
        SoakSettings settings = SoakSettings.from(properties("3m"));

        assertEquals(new SoakSettings(Duration.ofMinutes(3), "48m", 300, Path.of("launcher/target/switchboard"),
                Path.of("soak/target")), settings);
    }

    @Test
    void takesDurationsInSecondsMinutesOrAPlainNumberOfSeconds() {
        assertEquals(Duration.ofSeconds(90), SoakSettings.parseDuration("90s"));
        assertEquals(Duration.ofMinutes(3), SoakSettings.parseDuration("3m"));
        assertEquals(Duration.ofMinutes(3), SoakSettings.parseDuration("3min"));
        assertEquals(Duration.ofSeconds(60), SoakSettings.parseDuration("60"));
    }

    @Test
    void refusesADurationThatWouldBreakTheTenMinuteCap() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoakSettings.from(properties("9m")));

        assertEquals("soak.duration: expected 30 s to 8 minutes (the whole run is capped at 10), got 540 s", e.getMessage());
    }

    @Test
    void theStartAndStopBoundsFitInWhatTheCapLeavesOutsideTheTraffic() {
        assertTrue(Soak.outsideTheTraffic().compareTo(SoakSettings.OVERHEAD) < 0, Soak.outsideTheTraffic().toString());
    }

    @Test
    void namesAMissingProperty() {
        Properties properties = properties("60s");
        properties.remove("soak.distribution");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoakSettings.from(properties));

        assertEquals("soak.distribution: not set (the soak module's pom sets it)", e.getMessage());
    }

    @Test
    void refusesAHeapJavaWouldNotTake() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoakSettings(Duration.ofMinutes(1), "lots", 1, Path.of("d"), Path.of("t")));

        assertEquals("soak.heap: expected a size as -Xmx takes it (48m, 1g), got \"lots\"", e.getMessage());
    }
}
