package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad configuration stops the launch with one line naming the file, line and path. */
class ConfigurationErrorsTest {

    private static final String TRANSPORTS = "available: tcp (built-in module dev.switchboard.transport.tcp),"
            + " udp (built-in module dev.switchboard.transport.udp)";

    @TempDir
    Path directory;

    private TestHome home;
    private String file;

    @BeforeEach
    void home() {
        home = new TestHome(directory);
        file = home.directory().resolve("config/switchboard.conf").toString();
    }

    private LaunchException failure(String hocon) {
        home.configure(hocon);
        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().check(System.out));
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
        return e;
    }

    @Test
    void namesAnUnknownTransportAndListsTheAvailableOnesWithTheirOrigins() {
        LaunchException e = failure("""
                switchboard.endpoints {
                  tcp {
                    transport = tpc
                  }
                }
                """);
        assertEquals(file + ":3: switchboard.endpoints.tcp.transport: unknown transport \"tpc\"; " + TRANSPORTS,
                e.getMessage());
    }

    @Test
    void namesAnUnknownServiceAndListsTheAvailableOnesWithTheirOrigins() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  services = [uppercase, revrse]
                }
                """);
        assertEquals(file + ":3: switchboard.endpoints.tcp.services[1]: unknown service \"revrse\"; "
                + "available: uppercase (built-in module dev.switchboard.service.uppercase)", e.getMessage());
    }

    @Test
    void namesAnUnknownFramingAndListsTheAvailableOnesWithTheirOrigins() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  framing = netstring
                }
                """);
        String stream = " (built-in module dev.switchboard.transport.stream)";
        assertEquals(file + ":3: switchboard.endpoints.tcp.framing: expected one of the framings available:"
                + " length-prefixed" + stream + ", line" + stream + ", raw" + stream + ", got \"netstring\"",
                e.getMessage());
    }

    @Test
    void rejectsASettingTheTransportDoesNotHave() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  max-conections = 100
                }
                """);
        assertTrue(e.getMessage().startsWith(file + ":3: switchboard.endpoints.tcp.max-conections:"
                + " unknown setting for transport tcp; known settings: allow, backlog, blocked-thread-warning,"
                + " connection-rate-cooldown, deny, enabled, "), e.getMessage());
        assertTrue(e.getMessage().contains(" max-connections, "), e.getMessage());
        assertTrue(e.getMessage().contains(" proxy-protocol, proxy-protocol-trusted, "), e.getMessage());
        assertTrue(e.getMessage().contains(" reuse-port, "), e.getMessage());
    }

    @Test
    void rejectsTheProxyProtocolOnAUdpEndpoint() {
        LaunchException e = failure("""
                switchboard.endpoints.udp {
                  transport = udp
                  proxy-protocol = v2
                }
                """);
        assertTrue(e.getMessage().startsWith(file + ":3: switchboard.endpoints.udp.proxy-protocol:"
                + " unknown setting for transport udp; known settings: "), e.getMessage());
        assertTrue(e.getMessage().contains(" reuse-port, "), e.getMessage());
    }

    @Test
    void rejectsAMemoryBudgetThatIsNeitherASizeNorAuto() {
        LaunchException e = failure("""
                switchboard.memory-budget = lots
                switchboard.endpoints.tcp { transport = tcp }
                """);
        assertTrue(e.getMessage().startsWith(file + ":1: switchboard.memory-budget: a size such as 256MiB, or auto;"),
                e.getMessage());
    }

    @Test
    void rejectsASettingTheServiceDoesNotHave() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  services = [{ name = uppercase, mod = ascii }]
                }
                """);
        assertTrue(e.getMessage().startsWith(file + ":3: switchboard.endpoints.tcp.services[0].mod:"
                + " unknown setting for service uppercase; known settings: "), e.getMessage());
    }

    @Test
    void namesAValueOfTheWrongTypeWithWhatWasExpected() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  port = twelve
                }
                """);
        assertEquals(file + ":3: switchboard.endpoints.tcp.port: expected an integer from 0 to 65535, got \"twelve\"",
                e.getMessage());
    }

    @Test
    void namesABadLauncherSettingOfAnEndpoint() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  shutdown-grace = soon
                }
                """);
        assertEquals(file + ":3: switchboard.endpoints.tcp.shutdown-grace:"
                + " expected a non-negative duration such as 5s or 250ms, got \"soon\"", e.getMessage());
    }

    @Test
    void namesASystemPropertyOverrideWithABadValue() {
        home.configure("switchboard.endpoints.tcp { transport = tcp }");
        Properties properties = new Properties();
        properties.setProperty("switchboard.endpoints.tcp.port", "many");
        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher(properties).check(System.out));
        assertEquals("system properties: switchboard.endpoints.tcp.port: expected an integer from 0 to 65535,"
                + " got \"many\"", e.getMessage());
    }

    @Test
    void requiresATransport() {
        LaunchException e = failure("""
                switchboard.endpoints {
                  tcp { port = 12000 }
                }
                """);
        assertEquals(file + ":2: switchboard.endpoints.tcp: no transport; expected transport = <name>, " + TRANSPORTS,
                e.getMessage());
    }

    @Test
    void requiresAnEndpointToBeAnObject() {
        LaunchException e = failure("switchboard.endpoints.tcp = 12000");
        assertEquals(file + ":1: switchboard.endpoints.tcp: expected an endpoint such as"
                + " { transport = tcp, port = 12000 }, got 12000", e.getMessage());
    }

    @Test
    void requiresAListOfServices() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  services = uppercase
                }
                """);
        assertEquals(file + ":3: switchboard.endpoints.tcp.services: expected a list of one or more services, each"
                + " a service name or { name = <service>, <its settings> }, such as [uppercase]; got \"uppercase\"",
                e.getMessage());
    }

    @Test
    void requiresAServiceEntryToHaveAName() {
        LaunchException e = failure("""
                switchboard.endpoints.tcp {
                  transport = tcp
                  services = [{ mode = ascii }]
                }
                """);
        assertEquals(file + ":3: switchboard.endpoints.tcp.services[0]: expected a service name or"
                + " { name = <service>, <its settings> }, got {\"mode\":\"ascii\"}", e.getMessage());
    }

    @Test
    void requiresAnEndpoint() {
        LaunchException e = failure("switchboard.plugins.dir = plugins");
        assertEquals(file + ": no endpoint configured under switchboard.endpoints;"
                + " for example: switchboard.endpoints.tcp { transport = tcp, port = 12000 }", e.getMessage());
    }

    @Test
    void requiresAnEnabledEndpoint() {
        LaunchException e = failure("switchboard.endpoints.tcp { transport = tcp, enabled = false }");
        assertTrue(e.getMessage().startsWith(file + ": no endpoint enabled under switchboard.endpoints;"),
                e.getMessage());
    }

    @Test
    void namesAMissingConfigurationFile() {
        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().check(System.out));
        assertEquals("configuration file not found: " + file, e.getMessage());
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
    }

    @Test
    void reportsASyntaxErrorWithItsLine() {
        LaunchException e = failure("""
                switchboard.endpoints {
                  tcp { transport = tcp, port = 12000 }
                  udp { transport = udp, port = = 12000 }
                }
                """);
        assertTrue(e.getMessage().startsWith(file + ": 3: "), e.getMessage());
    }

    @Test
    void reportsTextWithControlCharactersEscapedOnOneLine() {
        LaunchException e = failure("switchboard.endpoints.tcp { tr\ransport\u001b }");
        assertTrue(e.getMessage().startsWith(file + ": 1: Key 'tr\\ransport\\u001b' "), e.getMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }

    @Test
    void refusesTwoEndpointsOfOneTransportOnAPortAndAnAddressItsWildcardCovers() {
        LaunchException e = failure("""
                switchboard.endpoints {
                  public { transport = tcp, host = "0.0.0.0", port = 12000 }
                  local { transport = tcp, host = "127.0.0.1", port = 12000 }
                }
                """);
        assertEquals(file + ":2: switchboard.endpoints.public.port: endpoints local (tcp 127.0.0.1:12000) and"
                + " public (tcp 0.0.0.0:12000) cannot both listen: their addresses overlap on one port;"
                + " give one of them another port", e.getMessage());
    }

    @Test
    void acceptsUdpAndTcpOnOnePortAndOneTransportTwiceOnPortZero() {
        home.configure("""
                switchboard.endpoints {
                  udp { transport = udp, host = "0.0.0.0", port = 12000 }
                  tcp { transport = tcp, host = "0.0.0.0", port = 12000 }
                  any1 { transport = tcp, host = "0.0.0.0", port = 0 }
                  any2 { transport = tcp, host = "0.0.0.0", port = 0 }
                }
                """);
        assertEquals(0, home.launcher().check(new PrintStream(OutputStream.nullOutputStream())));
    }

    @Test
    void refusesAPluginsDirectoryThatIsNotAFolder() throws IOException {
        Files.writeString(directory.resolve("plugins"), "a file");
        LaunchException e = failure("""
                switchboard.plugins.dir = plugins
                switchboard.endpoints.tcp { transport = tcp }
                """);
        assertTrue(e.getMessage().startsWith(file + ":1: switchboard.plugins.dir: expected a readable folder of plugins"),
                e.getMessage());
    }
}
