package dev.switchboard.transport.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.TestSettings;
import java.lang.module.ModuleDescriptor;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The provider and its settings, validated when an endpoint is created, before anything binds. */
class UnixTransportProviderTest {

    private final UnixTransportProvider provider = new UnixTransportProvider();

    private Transport create(String hocon) {
        return provider.create(TestSettings.transportContext("unix", hocon));
    }

    private SettingsException refused(String hocon) {
        return assertThrows(SettingsException.class, () -> create(hocon));
    }

    @Test
    void isTheUnixTransport() {
        assertEquals("unix", provider.name());
    }

    @Test
    void isProvidedByTheModuleDescriptorAndExportsNothing() {
        ModuleDescriptor descriptor = UnixTransportProvider.class.getModule().getDescriptor();
        assertEquals(List.of(UnixTransportProvider.class.getName()), descriptor.provides().stream()
                .filter(p -> p.service().equals(TransportProvider.class.getName()))
                .flatMap(p -> p.providers().stream()).toList());
        assertTrue(descriptor.exports().isEmpty(), "exports nothing");
    }

    @Test
    void requiresOnlyTheApiAndTheStreamToolkit() {
        Set<String> requires = new TreeSet<>();
        UnixTransportProvider.class.getModule().getDescriptor().requires().stream()
                .map(ModuleDescriptor.Requires::name).filter(name -> !name.equals("java.base")).forEach(requires::add);
        assertEquals(Set.of("dev.switchboard.api", "dev.switchboard.transport.stream"), requires);
    }

    @Test
    void declaresThePathTheModeTheEndpointAndTheStreamSettingsButNoHostOrPort() {
        Set<String> keys = new TreeSet<>(ConfigFactory.defaultReference(UnixTransportProvider.class.getClassLoader())
                .getObject("switchboard.transports.unix").keySet());
        assertEquals(new TreeSet<>(List.of("path", "mode", "threads", "worker-threads", "worker-queue", "log-interval",
                "framing", "max-message-bytes", "max-reply-bytes", "backlog", "max-connections",
                "max-connections-per-source", "max-connection-rate-per-source", "connection-rate-cooldown", "idle-timeout",
                "frame-timeout", "write-timeout", "write-high-watermark", "write-low-watermark", "io", "blocked-thread-warning")),
                keys);
    }

    @Test
    void describesItselfByPathAndFraming() {
        assertEquals("/run/switchboard/upper.sock line, 1 loop",
                create("path = \"/run/switchboard/upper.sock\", framing = line, threads = 1").description());
    }

    @Test
    void countsNothingBeforeStarting() {
        assertEquals(TransportStats.EMPTY, create("path = \"/run/switchboard/upper.sock\"").stats());
    }

    @Test
    void requiresAPath() {
        SettingsException e = refused("");
        assertTrue(e.getMessage().contains("switchboard.endpoints.test.path: missing; expected an absolute path"), e.getMessage());
    }

    @Test
    void refusesARelativePathWhichWouldDependOnTheWorkingDirectory() {
        SettingsException e = refused("path = \"run/upper.sock\"");
        assertTrue(e.getMessage().contains("path: expected an absolute path such as \"/run/switchboard/upper.sock\""
                + " (a relative path would depend on the working directory), got \"run/upper.sock\""), e.getMessage());
    }

    @Test
    void refusesTheRootWhichNamesNoFile() {
        assertTrue(refused("path = \"/\"").getMessage().contains("path: expected an absolute path"));
    }

    @Test
    void refusesAPathLongerThanASocketAddressHoldsNamingTheLimit() {
        String path = "/" + "a".repeat(SocketFileSettings.MAX_PATH_BYTES); // one byte too long

        SettingsException e = refused("path = \"" + path + "\"");

        assertTrue(e.getMessage().contains("path: expected a path of at most 99 bytes, this one has 100"
                + " (a Unix-domain socket address holds 107, sun_path less its NUL"), e.getMessage());
    }

    @Test
    void acceptsAPathOfTheLongestLength() {
        String path = "/" + "a".repeat(SocketFileSettings.MAX_PATH_BYTES - 1);
        assertTrue(create("path = \"" + path + "\"").description().startsWith(path + " "));
    }

    @Test
    void countsTheLengthInBytesOfUtf8() {
        String path = "/" + "é".repeat(50); // 101 bytes in 51 characters
        assertTrue(refused("path = \"" + path + "\"").getMessage().contains("this one has 101"));
    }

    @Test
    void readsTheModeSymbolicOrOctal() {
        assertEquals(PosixFilePermissions.fromString("rw-------"), mode("mode = \"rw-------\""));
        assertEquals(PosixFilePermissions.fromString("rw-r-----"), mode("mode = \"0640\""));
        assertEquals(PosixFilePermissions.fromString("rw-rw-rw-"), mode("mode = 666"));
    }

    @Test
    void defaultsToTheOwnerAndGroupReadingAndWriting() {
        assertEquals(PosixFilePermissions.fromString("rw-rw----"), mode(""));
    }

    @Test
    void refusesAModeThatIsNeitherSymbolicNorOctal() {
        SettingsException e = refused("path = \"/run/upper.sock\", mode = \"rw-rw\"");
        assertTrue(e.getMessage().contains("mode: expected permissions such as \"rw-rw----\" or \"0660\", got \"rw-rw\""),
                e.getMessage());
        assertTrue(refused("path = \"/run/upper.sock\", mode = \"0980\"").getMessage().contains("mode: expected"));
    }

    private static Set<PosixFilePermission> mode(String hocon) {
        return SocketFileSettings.from(TestSettings.forTransport("unix", "path = \"/run/upper.sock\", " + hocon)).mode();
    }
}
