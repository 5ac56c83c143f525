package ${package};

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.SettingsException;
import dev.switchboard.testkit.InMemoryTransport;
import dev.switchboard.testkit.TestSettings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The service through the testkit: {@link TestSettings} builds the context the server would pass
 * (this module's {@code reference.conf} under the given overrides), and {@link InMemoryTransport}
 * runs each request through the service on the calling thread, without sockets.
 */
class ${classPrefix}ServiceTest {

    private static InMemoryTransport serving(String settings) {
        MessageService service = new ${classPrefix}Provider().create(TestSettings.serviceContext("${serviceName}", settings));
        return InMemoryTransport.serving(service);
    }

    @Test
    void appendsTheSuffixItsReferenceConfDeclares() throws Exception {
        assertEquals(Optional.of("hello!"), serving("").send("hello"));
    }

    @Test
    void appendsTheSuffixAnEndpointConfigures() throws Exception {
        assertEquals(Optional.of("hello?"), serving("suffix = \"?\"").send("hello"));
    }

    @Test
    void answersAnEmptyRequestWithTheSuffixAlone() throws Exception {
        assertEquals(Optional.of("!"), serving("").send(""));
    }

    @Test
    void copiesBytesThatAreNotTextUnchanged() throws Exception {
        byte[] request = {(byte) 0xFF, 0, (byte) 0xC3};
        assertArrayEquals(new byte[] {(byte) 0xFF, 0, (byte) 0xC3, '!'}, serving("").send(request).orElseThrow());
    }

    @Test
    void refusesASuffixLongerThanTheLimit() {
        String tooLong = "x".repeat(${classPrefix}Provider.MAX_SUFFIX_BYTES + 1);
        SettingsException e = assertThrows(SettingsException.class, () -> serving("suffix = " + tooLong));
        assertTrue(e.getMessage().contains("switchboard.services.${serviceName}.suffix"), e.getMessage());
    }

    @Test
    void isNamedAsConfigurationsCallIt() {
        assertEquals("${serviceName}", new ${classPrefix}Provider().name());
    }
}
