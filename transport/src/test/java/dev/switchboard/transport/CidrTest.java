package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void anIpv4BlockHoldsTheAddressesSharingItsPrefix() {
        Cidr block = Cidr.parse("10.0.0.0/8");
        assertTrue(block.contains(address("10.0.0.0")));
        assertTrue(block.contains(address("10.255.255.255")));
        assertFalse(block.contains(address("11.0.0.0")));
        assertFalse(block.contains(address("9.255.255.255")));
    }

    @Test
    void anIpv4AddressAloneIsABlockOfOne() {
        Cidr block = Cidr.parse("192.0.2.7");
        assertEquals(32, block.prefixLength());
        assertTrue(block.contains(address("192.0.2.7")));
        assertFalse(block.contains(address("192.0.2.6")));
        assertEquals(block, Cidr.parse("192.0.2.7/32"));
    }

    @Test
    void zeroLengthIpv4BlockHoldsEveryIpv4AddressAndNoIpv6One() {
        Cidr block = Cidr.parse("0.0.0.0/0");
        assertTrue(block.contains(address("0.0.0.0")));
        assertTrue(block.contains(address("255.255.255.255")));
        assertFalse(block.contains(address("::1")));
    }

    @Test
    void anIpv6BlockHoldsTheAddressesSharingItsPrefix() {
        Cidr block = Cidr.parse("2001:db8:1:2::/64");
        assertTrue(block.contains(address("2001:db8:1:2::1")));
        assertTrue(block.contains(address("2001:db8:1:2:ffff:ffff:ffff:ffff")));
        assertFalse(block.contains(address("2001:db8:1:3::")));
    }

    @Test
    void aPrefixInsideTheLowHalfOfAnIpv6AddressIsHonoured() {
        Cidr block = Cidr.parse("2001:db8::abcd:0/112");
        assertTrue(block.contains(address("2001:db8::abcd:ffff")));
        assertFalse(block.contains(address("2001:db8::abce:0")));
    }

    @Test
    void anIpv6AddressAloneIsABlockOfOne() {
        Cidr block = Cidr.parse("::1");
        assertEquals(128, block.prefixLength());
        assertTrue(block.contains(address("::1")));
        assertFalse(block.contains(address("::2")));
        assertEquals(block, Cidr.parse("::1/128"));
    }

    @Test
    void zeroLengthIpv6BlockHoldsEveryIpv6AddressAndNoIpv4One() {
        Cidr block = Cidr.parse("::/0");
        assertTrue(block.contains(address("::1")));
        assertTrue(block.contains(address("ffff::")));
        assertFalse(block.contains(address("127.0.0.1")));
    }

    @Test
    void anIpv4MappedBlockIsTheIpv4BlockItCarries() {
        Cidr mapped = Cidr.parse("::ffff:10.0.0.0/104");
        assertEquals(Cidr.parse("10.0.0.0/8"), mapped);
        assertTrue(mapped.contains(address("10.1.2.3")));
        assertEquals(Cidr.parse("10.1.2.3"), Cidr.parse("::ffff:a01:203"));
    }

    @Test
    void anIpv4MappedPeerIsMatchedAsIpv4() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        mapped[15] = 1;
        assertTrue(Cidr.parse("10.0.0.0/8").contains(IpBits.isIpv4(mapped), IpBits.high(mapped), IpBits.low(mapped)));
        // the JDK itself never hands out a mapped Inet6Address: it turns it into the Inet4Address
        assertTrue(Cidr.parse("10.0.0.0/8").contains(InetAddress.getByAddress(mapped)));
    }

    @Test
    void anIpv6AddressWithADottedTailIsParsed() {
        assertTrue(Cidr.parse("64:ff9b::192.0.2.1").contains(address("64:ff9b::c000:201")));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "0.0.0.0/0, 0.0.0.0/0",
        "2001:0db8:0000::/48, 2001:db8::/48",
        "::ffff:192.0.2.0/120, 192.0.2.0/24",
        "::/0, ::/0"})
    void printsInCanonicalCidrNotation(String written, String printed) {
        assertEquals(printed, Cidr.parse(written).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/33|\"10.0.0.0/33\": the prefix length must be a number from 0 to 32",
        "::/129|\"::/129\": the prefix length must be a number from 0 to 128",
        "::ffff:10.0.0.0/95|\"::ffff:10.0.0.0/95\": the prefix length must be a number from 96 to 128",
        "10.0.0.0/|\"10.0.0.0/\": the prefix length must be a number from 0 to 32",
        "10.0.0.0/-1|\"10.0.0.0/-1\": the prefix length must be a number from 0 to 32",
        "10.0.0.0/08|\"10.0.0.0/08\": the prefix length must be a number from 0 to 32",
        "banana|\"banana\" is not an IP address or block, such as \"192.0.2.0/24\" or \"2001:db8::/32\"",
        "10.0.0.1/8|\"10.0.0.1/8\" has address bits set beyond its prefix length; the block is \"10.0.0.0/8\"",
        "2001:db8::1/32|\"2001:db8::1/32\" has address bits set beyond its prefix length; the block is \"2001:db8::/32\""})
    void refusesABadEntrySayingWhatIsWrong(String text, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "10.0.0", "10.0.0.0.0", "256.0.0.0", "010.0.0.1", "1e.0.0.1", "10.0.0.0/8/8",
        "1:::2", ":1::", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "g::",
        "::1.2.3", "1.2.3.4::", "fe80::1%eth0", "[::1]", "::١", "localhost"})
    void refusesWhatIsNotALiteralAddress(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertTrue(e.getMessage().startsWith("\"" + text + "\""), e.getMessage());
    }

    @Test
    void refusesABlockWithBitsBeyondItsPrefixWhenBuiltDirectly() {
        assertThrows(IllegalArgumentException.class, () -> new Cidr(false, 0, 1, 64));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(true, 0, 0, 8), "an IPv4 block in its mapped form");
    }

    static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal); // literals only: no name is looked up
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
