package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import dev.switchboard.settings.HoconSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointSettingsTest {

    /** @return settings over the shared defaults, included as a transport's reference.conf includes them */
    static Settings settings(String overrides) {
        return HoconSettings.of(ConfigFactory.parseString("""
                include required(classpath("switchboard-transport/endpoint.conf"))
                include required(classpath("switchboard-transport/inet.conf"))
                max-message-bytes = 64KiB
                """ + overrides).resolve(), "switchboard.endpoints.test");
    }

    private static EndpointSettings read(String overrides) {
        return EndpointSettings.from(settings(overrides), 1 << 20);
    }

    @Test
    void readsTheSharedDefaults() {
        EndpointSettings settings = read("threads = 3");
        assertEquals(3, settings.threads());
        assertEquals(65536, settings.maxMessageBytes());
        assertEquals(16, settings.workerThreads());
        assertEquals(1024, settings.workerQueue());
        assertEquals(Duration.ofSeconds(10), settings.logInterval());
        assertEquals(Duration.ofSeconds(2), settings.blockedThreadWarning());
    }

    @Test
    void zeroThreadsMeansOnePerProcessor() {
        assertEquals(Runtime.getRuntime().availableProcessors(), read("").threads());
    }

    @Test
    void rejectsAMessageLimitBeyondWhatTheTransportCanHonour() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("max-message-bytes = 2MiB"));
        assertTrue(e.getMessage().contains("switchboard.endpoints.test.max-message-bytes"), e.getMessage());
    }

    @Test
    void rejectsABlockedThreadWarningOfMoreThanADay() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("blocked-thread-warning = 2 days"));
        assertTrue(e.getMessage().contains("blocked-thread-warning"), e.getMessage());
    }
}
