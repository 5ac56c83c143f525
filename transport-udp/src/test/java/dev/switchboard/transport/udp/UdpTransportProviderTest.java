package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.EndpointSettings;
import dev.switchboard.transport.SourcePolicy;
import dev.switchboard.transport.TokenBucket;
import java.lang.module.ModuleDescriptor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class UdpTransportProviderTest {

    private final UdpTransportProvider provider = new UdpTransportProvider();

    @Test
    void isNamedUdp() {
        assertEquals("udp", provider.name());
    }

    @Test
    void defaultsToTheExercisesPortAndTheProtocolMaximum() {
        UdpSettings settings = UdpSettings.from(TestSettings.forTransport("udp", ""));
        assertEquals(new UdpSettings(new InetSocketAddress("0.0.0.0", 12000),
                        new EndpointSettings(Runtime.getRuntime().availableProcessors(), 65_507, 16, 1024,
                                Duration.ofSeconds(10), Duration.ofSeconds(2)),
                        3, 4 << 20, 1 << 20, SourcePolicy.DEFAULT, null, false, false),
                settings);
    }

    @Test
    void ioNioForcesJavaNioAndAnythingButAutoOrNioIsRefused() {
        assertTrue(UdpSettings.from(TestSettings.forTransport("udp", "io = nio")).nioOnly());
        SettingsException e = assertThrows(SettingsException.class,
                () -> UdpSettings.from(TestSettings.forTransport("udp", "io = epoll")));
        assertTrue(e.getMessage().contains("io"), e.getMessage());
    }

    @Test
    void aRatePerSourceHasABurstOfOneSecondsWorthUnlessToldOtherwise() {
        assertEquals(new TokenBucket(500, 500), UdpSettings.from(TestSettings.forTransport("udp", "rate-per-source = 500"))
                .sourceRate());
        assertEquals(new TokenBucket(500, 2000), UdpSettings.from(TestSettings.forTransport("udp",
                "rate-per-source = 500, burst-per-source = 2000")).sourceRate());
    }

    @Test
    void rejectsABadAllowEntryNamingIt() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("udp", "allow = [\"::1/129\"]")));
        assertTrue(e.getMessage().contains("allow: expected a list of IP addresses and CIDR blocks"), e.getMessage());
        assertTrue(e.getMessage().contains("\"::1/129\": the prefix length must be a number from 0 to 128"), e.getMessage());
    }

    @Test
    void rejectsABurstOfZero() {
        assertRejected("rate-per-source = 10, burst-per-source = 0", "burst-per-source");
    }

    @Test
    void describesTheConfiguredAddressUntilStarted() {
        var transport = provider.create(TestSettings.transportContext("udp", "threads = 4"));
        assertEquals("0.0.0.0:12000, 4 sockets", transport.description());
        assertEquals(null, transport.localAddress());
    }

    @Test
    void rejectsAMaxMessageBytesBeyondTheLargestDatagram() {
        assertRejected("max-message-bytes = 65528", "max-message-bytes");
    }

    @Test
    void rejectsANegativeMaxReplyRatio() {
        assertRejected("max-reply-ratio = -1", "max-reply-ratio");
    }

    @Test
    void rejectsAReceiveBufferThatIsNotASize() {
        assertRejected("receive-buffer-bytes = lots", "receive-buffer-bytes");
    }

    @Test
    void rejectsASendBufferBeyondOneGibibyte() {
        assertRejected("send-buffer-bytes = 2GiB", "send-buffer-bytes");
    }

    @Test
    void rejectsAHostThatDoesNotResolve() {
        assertRejected("host = \"no-such-host.invalid\"", "host");
    }

    @Test
    void declaresItselfAsATransportProviderInItsModuleDescriptor() {
        Module module = UdpTransportProvider.class.getModule();
        assumeTrue(module.isNamed(), "tests run on the class path");
        List<ModuleDescriptor.Provides> provides = List.copyOf(module.getDescriptor().provides());
        assertEquals(List.of(TransportProvider.class.getName()), provides.stream().map(ModuleDescriptor.Provides::service).toList());
        assertEquals(List.of(UdpTransportProvider.class.getName()), provides.get(0).providers());
    }

    private void assertRejected(String hocon, String key) {
        SettingsException e = assertThrows(SettingsException.class,
                () -> provider.create(TestSettings.transportContext("udp", hocon)));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }

    @Test
    void declaresTheAddressTheSourcesAndTheEndpointSettingsThroughItsIncludesAndItsOwn() {
        Set<String> keys = new TreeSet<>(ConfigFactory.defaultReference(UdpTransportProvider.class.getClassLoader())
                .getObject("switchboard.transports.udp").keySet());
        assertEquals(new TreeSet<>(List.of("host", "port", "reuse-port", "threads", "worker-threads", "worker-queue", "log-interval",
                "blocked-thread-warning", "allow", "deny", "source-prefix-ipv4", "source-prefix-ipv6",
                "max-tracked-sources", "rate-per-source", "burst-per-source", "max-message-bytes", "max-reply-ratio",
                "receive-buffer-bytes", "send-buffer-bytes", "io")), keys);
    }
}
