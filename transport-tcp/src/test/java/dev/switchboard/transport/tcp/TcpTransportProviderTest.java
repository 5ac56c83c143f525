package dev.switchboard.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TcpTransportProviderTest {

    private static final MessageService ECHO = (request, context, reply) -> reply.write(request);

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
    void declaresTheAddressTheSourcesTheEndpointAndTheStreamSettingsThroughItsIncludes() {
        Set<String> keys = new TreeSet<>(ConfigFactory.defaultReference(TcpTransportProvider.class.getClassLoader())
                .getObject("switchboard.transports.tcp").keySet());
        assertEquals(new TreeSet<>(List.of("host", "port", "reuse-port", "proxy-protocol", "proxy-protocol-trusted", "allow", "deny", "source-prefix-ipv4", "source-prefix-ipv6",
                "max-tracked-sources", "threads", "worker-threads", "worker-queue", "log-interval",
                "blocked-thread-warning",
                "framing", "max-message-bytes", "max-reply-bytes", "backlog", "max-connections",
                "max-connections-per-source", "max-connection-rate-per-source", "connection-rate-cooldown", "idle-timeout",
                "frame-timeout", "write-timeout", "write-high-watermark", "write-low-watermark", "io")), keys);
    }

    @Test
    void refusesABadDenyEntryBeforeBindingNamingIt() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("tcp", "deny = [\"10.0.0.0/33\"]")));
        assertTrue(e.getMessage().contains("deny: expected a list of IP addresses and CIDR blocks"), e.getMessage());
        assertTrue(e.getMessage().contains("\"10.0.0.0/33\": the prefix length must be a number from 0 to 32"),
                e.getMessage());
    }

    @Test
    void defaultsToTheExercise() {
        Transport transport = provider.create(TestSettings.transportContext("tcp", "threads = 1"));
        assertEquals("0.0.0.0:12000 raw, 1 loop", transport.description());
    }

    @Test
    void refusesAnUnknownFramingListingTheAvailableOnes() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("tcp", "framing = lines")));
        assertTrue(e.getMessage().contains("framing: expected one of the framings available: length-prefixed"),
                e.getMessage());
    }

    @Test
    void refusesAHostThatDoesNotResolve() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("tcp", "host = \"no-such-host.invalid\"")));
        assertTrue(e.getMessage().contains("host"), e.getMessage());
    }

    @Test
    void reportsTheActualPortAndADescription() throws IOException {
        Transport transport = provider.create(TestSettings.transportContext("tcp",
                "host = \"127.0.0.1\", port = 0, threads = 2, framing = line"));
        transport.start(ECHO);
        try {
            int port = ((InetSocketAddress) transport.localAddress()).getPort();
            assertTrue(port > 0);
            assertEquals("127.0.0.1:" + port + " line, 2 loops", transport.description());
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void countsNothingBeforeStarting() {
        assertEquals(TransportStats.EMPTY, provider.create(TestSettings.transportContext("tcp", "")).stats());
    }

    @Test
    void failsToStartOnATakenPortNamingTheAddressAndLeavingNothingOpen() throws IOException {
        Transport first = provider.create(TestSettings.transportContext("tcp", "host = \"127.0.0.1\", port = 0"));
        first.start(ECHO);
        try {
            int port = ((InetSocketAddress) first.localAddress()).getPort();
            TransportContext context = new TransportContext("second", "tcp",
                    TestSettings.forTransport("tcp", "host = \"127.0.0.1\", port = " + port),
                    System.getLogger("switchboard.endpoint.second"));
            Transport second = provider.create(context);

            BindException failure = assertThrows(BindException.class, () -> second.start(ECHO));

            assertTrue(failure.getMessage().startsWith("127.0.0.1:" + port + ": "), failure.getMessage());
            assertNull(second.localAddress());
            assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(name -> name.startsWith("switchboard-second-")).toList());
        } finally {
            first.stop(Duration.ofSeconds(1));
        }
    }
}
