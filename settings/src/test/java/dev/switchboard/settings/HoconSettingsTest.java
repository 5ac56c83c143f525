package dev.switchboard.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.SettingsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HoconSettingsTest {

    private static HoconSettings settings(String hocon) {
        return HoconSettings.of(ConfigFactory.parseString(hocon), "switchboard.endpoints.tcp");
    }

    @Test
    void readsTypedValues() {
        HoconSettings s = settings("""
                port = 12000
                framing = line
                max = 64KiB
                grace = 5s
                nodelay = yes
                services = [trim, uppercase]
                """);
        assertEquals(12000, s.integer("port", 0, 65535));
        assertEquals("line", s.oneOf("framing", List.of("raw", "line")));
        assertEquals(65536, s.bytes("max", 1, Integer.MAX_VALUE));
        assertEquals(Duration.ofSeconds(5), s.duration("grace"));
        assertTrue(s.bool("nodelay"));
        assertEquals(List.of("trim", "uppercase"), s.strings("services"));
        assertTrue(s.has("port"));
        assertFalse(s.has("host"));
    }

    @Test
    void namesFileLinePathExpectationAndValueOfABadValue(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("switchboard.conf");
        Files.writeString(file, "port = 12000\nframing = lines\n");
        HoconSettings s = HoconSettings.of(ConfigFactory.parseFile(file.toFile()), "switchboard.endpoints.tcp");
        SettingsException e = assertThrows(SettingsException.class,
                () -> s.oneOf("framing", List.of("raw", "line", "length-prefixed")));
        assertEquals(file + ":2: switchboard.endpoints.tcp.framing: expected one of raw, line, length-prefixed,"
                + " got \"lines\"", e.getMessage());
    }

    @Test
    void rejectsOutOfRangeIntegers() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> settings("port = 70000").integer("port", 0, 65535));
        assertTrue(e.getMessage().endsWith(
                "switchboard.endpoints.tcp.port: expected an integer from 0 to 65535, got 70000"), e.getMessage());
    }

    @Test
    void rejectsValuesOfTheWrongType() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> settings("port = twelve").integer("port", 0, 65535));
        assertTrue(e.getMessage().contains("expected an integer from 0 to 65535, got \"twelve\""), e.getMessage());
    }

    @Test
    void reportsMissingValues() {
        SettingsException e = assertThrows(SettingsException.class, () -> settings("a = 1").string("host"));
        assertTrue(e.getMessage().contains("switchboard.endpoints.tcp.host: missing; expected a string"),
                e.getMessage());
    }

    @Test
    void rejectsNegativeDurations() {
        assertThrows(SettingsException.class, () -> settings("grace = -1s").duration("grace"));
    }

    @Test
    void rejectsMalformedSizes() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> settings("max = 12 parsecs").bytes("max", 0, 100));
        assertTrue(e.getMessage().contains("expected a size"), e.getMessage());
    }

    @Test
    void invalidNamesTheValueForDomainChecks() {
        SettingsException e = settings("host = \"no.such.host.\"").invalid("host", "a resolvable host name");
        assertTrue(e.getMessage().endsWith(
                "switchboard.endpoints.tcp.host: expected a resolvable host name, got \"no.such.host.\""),
                e.getMessage());
    }

    @Test
    void placesAValueFromAFileAtItsFileAndLine(@TempDir Path directory) throws IOException {
        Path file = Files.writeString(directory.resolve("x.conf"), "a = 1\nb = 2\n");
        assertEquals(file + ":2: ", HoconSettings.where(ConfigFactory.parseFile(file.toFile()).getValue("b").origin()));
    }

    @Test
    void placesAValueFromElsewhereByItsOriginsDescription() {
        assertEquals("system properties: ", HoconSettings.where(ConfigFactory.parseMap(Map.of("a", 1),
                "system properties").getValue("a").origin()));
    }

    @Test
    void placesNothingWithoutAnOrigin() {
        assertEquals("", HoconSettings.where(null));
    }
}
