package dev.switchboard.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.SettingsException;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TcpTransportProviderTest {

    private final TcpTransportProvider provider = new TcpTransportProvider();

    @Test
    void isTheTcpTransport() {
        assertEquals("tcp", provider.name());
    }

    @Test
    void isProvidedByTheModuleDescriptor() {
        ModuleDescriptor descriptor = TcpTransportProvider.class.getModule().getDescriptor();
        assertEquals(List.of(TcpTransportProvider.class.getName()), descriptor.provides().stream()
                .filter(p -> p.service().equals(TransportProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList());
        assertTrue(descriptor.exports().isEmpty(), "exports nothing");
    }

    @Test
    void defaultsToTheExercise() {
        TcpSettings settings = TcpSettings.from(TestSettings.forTransport("tcp", ""));
        assertEquals(new InetSocketAddress("0.0.0.0", 12000), settings.endpoint().bindAddress());
        assertEquals(Framing.RAW, settings.framing());
        assertEquals(64 * 1024, settings.endpoint().maxMessageBytes());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.endpoint().threads());
        assertEquals(1024, settings.backlog());
        assertEquals(10_000, settings.maxConnections());
        assertEquals(Duration.ofMinutes(5), settings.idleTimeout());
        assertEquals(Duration.ofSeconds(30), settings.frameTimeout());
        assertEquals(64 * 1024, settings.writeHighWatermark());
        assertEquals(16 * 1024, settings.writeLowWatermark());
    }

    @Test
    void documentsEverySettingWithACommentLine() throws IOException {
        List<String> lines;
        try (InputStream in = TcpTransportProvider.class.getModule().getResourceAsStream("reference.conf")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        int keys = 0;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).matches("\\s+[a-z-]+ = .*")) {
                keys++;
                assertTrue(lines.get(i - 1).strip().startsWith("#"), "no comment above: " + lines.get(i));
            }
        }
        assertEquals(14, keys);
    }

    @Test
    void refusesALowWatermarkNotBelowTheHighOne() {
        SettingsException e = assertThrows(SettingsException.class, () -> provider.create(
                TestSettings.transportContext("tcp", "write-high-watermark = 16KiB, write-low-watermark = 16KiB")));
        assertTrue(e.getMessage().contains("write-low-watermark"), e.getMessage());
    }

    @Test
    void refusesAnUnknownFraming() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("tcp", "framing = lines")));
        assertTrue(e.getMessage().contains("framing"), e.getMessage());
    }

    @Test
    void refusesAMaximumMessageAboveSixteenMebibytes() {
        assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("tcp", "max-message-bytes = 17MiB")));
    }

    @Test
    void reportsTheActualPortAndADescription() {
        try (TestServer server = TestServer.start("framing = line", Services.ASCII_UPPER_CASE)) {
            int port = server.address().getPort();
            assertTrue(port > 0);
            assertEquals("127.0.0.1:" + port + " line, 2 loops", server.transport.description());
        }
    }

    @Test
    void countsNothingBeforeStarting() {
        assertEquals(TransportStats.EMPTY, provider.create(TestSettings.transportContext("tcp", "")).stats());
    }
}
