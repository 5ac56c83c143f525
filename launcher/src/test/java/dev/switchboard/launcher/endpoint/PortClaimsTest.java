package dev.switchboard.launcher.endpoint;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.switchboard.launcher.LaunchException;
import org.junit.jupiter.api.Test;

class PortClaimsTest {

    private final PortClaims ports = new PortClaims();

    private void claim(String endpoint, String transport, String host, int port) {
        ports.add(endpoint, transport, ConfigFactory.parseString("host = \"" + host + "\"\nport = " + port,
                ConfigParseOptions.defaults().setOriginDescription("test.conf")));
    }

    private String clash() {
        return assertThrows(LaunchException.class, ports::requireDistinct).getMessage();
    }

    @Test
    void refusesOneTransportTwiceOnOneAddressAndPortNamingBothEndpoints() {
        claim("a", "tcp", "127.0.0.1", 12000);
        claim("b", "tcp", "127.0.0.1", 12000);
        assertEquals("test.conf: 2: switchboard.endpoints.b.port: endpoints a (tcp 127.0.0.1:12000) and"
                + " b (tcp 127.0.0.1:12000) cannot both listen: their addresses overlap on one port;"
                + " give one of them another port", clash());
    }

    @Test
    void refusesTheIpv4WildcardWithAnAddressItCovers() {
        claim("all", "tcp", "0.0.0.0", 12000);
        claim("local", "tcp", "127.0.0.1", 12000);
        assertEquals("test.conf: 2: switchboard.endpoints.local.port: endpoints all (tcp 0.0.0.0:12000) and"
                + " local (tcp 127.0.0.1:12000) cannot both listen: their addresses overlap on one port;"
                + " give one of them another port", clash());
    }

    @Test
    void refusesTheEmptyHostAsTheIpv4Wildcard() {
        claim("a", "udp", "", 12000);
        claim("b", "udp", "10.0.0.1", 12000);
        clash();
    }

    @Test
    void refusesTheIpv6WildcardWithAnIpv4Address() {
        claim("a", "tcp", "::", 12000);
        claim("b", "tcp", "127.0.0.1", 12000);
        assertEquals("test.conf: 2: switchboard.endpoints.b.port: endpoints a (tcp [::]:12000) and"
                + " b (tcp 127.0.0.1:12000) cannot both listen: their addresses overlap on one port;"
                + " give one of them another port", clash());
    }

    @Test
    void acceptsTwoTransportsOnOnePort() {
        claim("udp", "udp", "0.0.0.0", 12000);
        claim("tcp", "tcp", "0.0.0.0", 12000);
        assertDoesNotThrow(ports::requireDistinct);
    }

    @Test
    void acceptsTwoAddressesOfOneFamilyOnOnePort() {
        claim("a", "tcp", "127.0.0.1", 12000);
        claim("b", "tcp", "127.0.0.2", 12000);
        assertDoesNotThrow(ports::requireDistinct);
    }

    @Test
    void acceptsTheIpv4WildcardWithAnIpv6Address() {
        claim("a", "tcp", "0.0.0.0", 12000);
        claim("b", "tcp", "::1", 12000);
        assertDoesNotThrow(ports::requireDistinct);
    }

    @Test
    void acceptsPortZeroTwice() {
        claim("a", "tcp", "127.0.0.1", 0);
        claim("b", "tcp", "127.0.0.1", 0);
        assertDoesNotThrow(ports::requireDistinct);
    }

    @Test
    void acceptsTwoPorts() {
        claim("a", "tcp", "127.0.0.1", 12000);
        claim("b", "tcp", "127.0.0.1", 12001);
        assertDoesNotThrow(ports::requireDistinct);
    }
}
