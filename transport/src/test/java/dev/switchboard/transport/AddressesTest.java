package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
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
}
