package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.SettingsException;
import dev.switchboard.settings.HoconSettings;
import org.junit.jupiter.api.Test;

class EndpointSettingsTest {

    private static final String DEFAULTS = """
            host = "0.0.0.0", port = 12000, threads = 0, max-message-bytes = 64KiB
            worker-threads = 16, worker-queue = 1024, log-interval = 10s
            """;

    private static EndpointSettings read(String overrides) {
        return EndpointSettings.from(HoconSettings.of(
                ConfigFactory.parseString(overrides).withFallback(ConfigFactory.parseString(DEFAULTS)),
                "switchboard.endpoints.test"), 1 << 20);
    }

    @Test
    void readsEverySetting() {
        EndpointSettings settings = read("host = \"127.0.0.1\", port = 0, threads = 3");
        assertEquals("127.0.0.1", settings.bindAddress().getAddress().getHostAddress());
        assertEquals(0, settings.bindAddress().getPort());
        assertEquals(3, settings.threads());
        assertEquals(65536, settings.maxMessageBytes());
        assertEquals(16, settings.workerThreads());
        assertEquals(1024, settings.workerQueue());
    }

    @Test
    void zeroThreadsMeansOnePerProcessor() {
        assertEquals(Runtime.getRuntime().availableProcessors(), read("").threads());
    }

    @Test
    void anEmptyHostMeansEveryInterfaceAsInTheExercise() {
        assertTrue(read("host = \"\"").bindAddress().getAddress().isAnyLocalAddress());
    }

    @Test
    void rejectsAMessageLimitBeyondWhatTheTransportCanHonour() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("max-message-bytes = 2MiB"));
        assertTrue(e.getMessage().contains("switchboard.endpoints.test.max-message-bytes"), e.getMessage());
    }

    @Test
    void rejectsAHostThatDoesNotResolve() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("host = \"no-such-host.invalid\""));
        assertTrue(e.getMessage().contains("expected an IP address or a resolvable host name"), e.getMessage());
    }
}
