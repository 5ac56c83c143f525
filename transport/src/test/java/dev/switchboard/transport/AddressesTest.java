package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.SettingsException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 12000, 127.0.0.1:12000",
        "0.0.0.0, 0, 0.0.0.0:0",
        "::1, 12000, [::1]:12000",
        "::, 53, [::]:53",
        "2001:db8:0:0:1:0:0:1, 80, [2001:db8::1:0:0:1]:80",
        "2001:db8:0:1:1:1:1:1, 80, [2001:db8:0:1:1:1:1:1]:80",
        "fe80:0:0:0:0:0:0:0, 80, [fe80::]:80",
        "0:0:1:0:0:0:1:0, 80, [0:0:1::1:0]:80"})
    void bracketsIpv6HostsInTheirShortForm(String host, int port, String expected) {
        assertEquals(expected, Addresses.format(new InetSocketAddress(host, port)));
    }

    @Test
    void showsAUnixDomainAddressAsItsPath() {
        assertEquals("/run/switchboard/upper.sock", Addresses.format(UnixDomainSocketAddress.of("/run/switchboard/upper.sock")));
    }

    @Test
    void showsTheUnnamedAddressOfAUnixDomainClient() {
        assertEquals("(unnamed)", Addresses.format(UnixDomainSocketAddress.of("")));
    }

    @Test
    void readsTheBindAddressFromHostAndPort() {
        InetSocketAddress address = Addresses.bindAddress(EndpointSettingsTest.settings("host = \"127.0.0.1\", port = 0"));
        assertEquals("127.0.0.1", address.getAddress().getHostAddress());
        assertEquals(0, address.getPort());
    }

    @Test
    void anEmptyHostMeansEveryIpv4InterfaceAsInTheExercise() {
        InetSocketAddress address = Addresses.bindAddress(EndpointSettingsTest.settings("host = \"\""));
        assertTrue(address.getAddress().isAnyLocalAddress());
        assertEquals(StandardProtocolFamily.INET, Addresses.family(address));
    }

    @Test
    void anIpv6HostBindsAnIpv6Socket() {
        assertEquals(StandardProtocolFamily.INET6, Addresses.family(new InetSocketAddress("::", 0)));
    }

    @Test
    void rejectsAHostThatDoesNotResolve() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> Addresses.bindAddress(EndpointSettingsTest.settings("host = \"no-such-host.invalid\"")));
        assertTrue(e.getMessage().contains("expected an IP address or a resolvable host name"), e.getMessage());
    }

    @Test
    void namesTheAddressABindFailedOn() {
        BindException cause = new BindException("Address already in use");
        BindException named = Addresses.bindFailure(new InetSocketAddress("127.0.0.1", 12000), cause);
        assertEquals("127.0.0.1:12000: Address already in use", named.getMessage());
        assertSame(cause, named.getCause());
    }
}
