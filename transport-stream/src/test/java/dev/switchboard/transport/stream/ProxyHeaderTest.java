package dev.switchboard.transport.stream;

import static dev.switchboard.transport.stream.ProxyHeaders.LOCAL;
import static dev.switchboard.transport.stream.ProxyHeaders.PROXY;
import static dev.switchboard.transport.stream.ProxyHeaders.TCP4;
import static dev.switchboard.transport.stream.ProxyHeaders.UNSPEC;
import static dev.switchboard.transport.stream.ProxyHeaders.concat;
import static dev.switchboard.transport.stream.ProxyHeaders.tlv;
import static dev.switchboard.transport.stream.ProxyHeaders.v1;
import static dev.switchboard.transport.stream.ProxyHeaders.v2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.transport.stream.ProxyProtocol.Version;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing PROXY protocol headers, version 1 and 2, from the bytes received so far. */
class ProxyHeaderTest {

    private static final byte[] V1_TCP4 = v1("PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\r\n");
    private static final byte[] V2_TCP4 = v2("192.0.2.1", 56324, "198.51.100.1", new byte[0]);

    private static ProxyHeader parse(byte[] bytes, Version version) throws ProxyHeader.Malformed {
        return ProxyHeader.parse(ByteBuffer.wrap(bytes), version);
    }

    private static String malformed(byte[] bytes, Version version) {
        return assertThrows(ProxyHeader.Malformed.class, () -> parse(bytes, version)).getMessage();
    }

    @Test
    void aVersion1Tcp4HeaderNamesTheClientAndItsPort() throws Exception {
        assertEquals(new ProxyHeader(V1_TCP4.length, new InetSocketAddress("192.0.2.1", 56324)), parse(V1_TCP4, Version.V1));
    }

    @Test
    void aVersion1Tcp6HeaderNamesTheClientAndItsPort() throws Exception {
        byte[] header = v1("PROXY TCP6 2001:db8::1 2001:db8::2 65535 443\r\n");
        assertEquals(new ProxyHeader(header.length, new InetSocketAddress("2001:db8::1", 65535)), parse(header, Version.ANY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PROXY UNKNOWN\r\n", "PROXY UNKNOWN ffff:f::1 ffff:f::2 1 2\r\n"})
    void aVersion1UnknownHeaderKeepsThePeerAndIgnoresWhatFollowsTheWord(String line) throws Exception {
        assertEquals(new ProxyHeader(line.length(), null), parse(v1(line), Version.V1));
    }

    @Test
    void aVersion2ProxyHeaderOverIpv4NamesTheClient() throws Exception {
        assertEquals(new ProxyHeader(28, new InetSocketAddress("192.0.2.1", 56324)), parse(V2_TCP4, Version.V2));
    }

    @Test
    void aVersion2ProxyHeaderOverIpv6NamesTheClient() throws Exception {
        byte[] header = v2("2001:db8::1", 1, "2001:db8::2", new byte[0]);
        assertEquals(new ProxyHeader(52, new InetSocketAddress("2001:db8::1", 1)), parse(header, Version.ANY));
    }

    @Test
    void aVersion2LocalHeaderKeepsThePeer() throws Exception {
        assertEquals(new ProxyHeader(16, null), parse(v2(LOCAL, UNSPEC, new byte[0]), Version.V2));
    }

    @Test
    void aVersion2HeaderOfAnUnspecifiedFamilyKeepsThePeerAndSkipsItsPayload() throws Exception {
        assertEquals(new ProxyHeader(16 + 5, null), parse(v2(PROXY, UNSPEC, new byte[5]), Version.V2));
    }

    @Test
    void tlvsAfterTheAddressesAreSkipped() throws Exception {
        byte[] tlvs = concat(tlv(0x05, 16), tlv(0xEA, 300)); // a unique id, an AWS endpoint id
        byte[] header = v2("192.0.2.1", 56324, "198.51.100.1", tlvs);
        assertEquals(new ProxyHeader(28 + tlvs.length, new InetSocketAddress("192.0.2.1", 56324)),
                parse(header, Version.V2));
    }

    @Test
    void theClientsBytesAfterTheHeaderAreLeftWhereTheyAre() throws Exception {
        for (byte[] header : new byte[][] {V1_TCP4, V2_TCP4}) {
            ByteBuffer in = ByteBuffer.wrap(concat(header, v1("hello\n")));
            assertEquals(header.length, ProxyHeader.parse(in, Version.ANY).length());
            assertEquals(0, in.position());
            assertEquals(header.length + 6, in.limit());
        }
    }

    @Test
    void everyStrictPrefixOfAHeaderNeedsMore() throws Exception {
        for (byte[] header : new byte[][] {V1_TCP4, V2_TCP4, v2("192.0.2.1", 1, "192.0.2.2", tlv(1, 40))}) {
            for (int length = 0; length < header.length; length++) {
                assertNull(parse(Arrays.copyOf(header, length), Version.ANY), "the first " + length + " bytes");
            }
        }
    }

    @Test
    void aVersion1HeaderWithoutItsEndInTheFirst107BytesIsRefused() throws Exception {
        byte[] header = v1("PROXY UNKNOWN " + "x".repeat(92) + "\r\n"); // 108 bytes
        assertNull(parse(Arrays.copyOf(header, 106), Version.V1));
        assertTrue(malformed(Arrays.copyOf(header, 107), Version.V1).contains("107"));
        assertEquals(107, parse(v1("PROXY UNKNOWN " + "x".repeat(91) + "\r\n"), Version.V1).length());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\n",
        "PROXY TCP4 192.0.2.300 198.51.100.1 56324 443\r\n",
        "PROXY TCP4 2001:db8::1 198.51.100.1 56324 443\r\n",
        "PROXY TCP6 192.0.2.1 2001:db8::2 56324 443\r\n",
        "PROXY TCP4 192.0.2.1 198.51.100.1 65536 443\r\n",
        "PROXY TCP4 192.0.2.1 198.51.100.1 056324 443\r\n",
        "PROXY TCP4 192.0.2.1 198.51.100.1 -1 443\r\n",
        "PROXY TCP4 192.0.2.1  198.51.100.1 56324 443\r\n",
        "PROXY TCP4 192.0.2.1 198.51.100.1 56324\r\n",
        "PROXY TCP4 example.com 198.51.100.1 56324 443\r\n",
        "PROXY UDP4 192.0.2.1 198.51.100.1 56324 443\r\n",
        "PROXY\r\n",
        "PROXYTCP4 192.0.2.1 198.51.100.1 56324 443\r\n",
        "GET / HTTP/1.1\r\n",
    })
    void aMalformedVersion1HeaderIsRefused(String line) {
        malformed(v1(line), Version.ANY);
    }

    @Test
    void aMalformedVersion1HeaderIsRefusedAsSoonAsItsStartCannotBeOne() {
        malformed(v1("PRONTO"), Version.V1);
    }

    @Test
    void aVersion2HeaderOfAnotherVersionOrCommandIsRefused() {
        assertTrue(malformed(v2(0x11, TCP4, new byte[12]), Version.V2).contains("0x11"));
        assertTrue(malformed(v2(0x22, TCP4, new byte[12]), Version.V2).contains("0x22"));
    }

    @Test
    void aVersion2HeaderOfAnUnknownFamilyOrProtocolIsRefused() {
        malformed(v2(PROXY, 0x41, new byte[12]), Version.V2);
        malformed(v2(PROXY, 0x13, new byte[12]), Version.V2);
    }

    @Test
    void aVersion2HeaderTooShortForItsAddressesIsRefused() {
        assertTrue(malformed(v2(PROXY, TCP4, new byte[11]), Version.V2).contains("too short"));
        malformed(v2(PROXY, ProxyHeaders.TCP6, new byte[35]), Version.V2);
    }

    @Test
    void aVersion2HeaderLongerThanTheCapIsRefusedFromItsFirst16Bytes() throws Exception {
        byte[] header = v2(PROXY, UNSPEC, new byte[ProxyHeader.V2_MAX_PAYLOAD + 1]);
        assertTrue(malformed(Arrays.copyOf(header, 16), Version.V2).contains("more than 2064"));
        assertEquals(16 + ProxyHeader.V2_MAX_PAYLOAD,
                parse(v2(PROXY, UNSPEC, new byte[ProxyHeader.V2_MAX_PAYLOAD]), Version.V2).length());
    }

    @Test
    void aCorruptVersion2SignatureIsRefused() {
        byte[] header = V2_TCP4.clone();
        header[6] = 'X';
        malformed(Arrays.copyOf(header, 7), Version.V2);
    }

    @Test
    void aHeaderOfAVersionNotConfiguredIsRefused() {
        assertTrue(malformed(V2_TCP4, Version.V1).contains("proxy-protocol = v1"));
        assertTrue(malformed(V1_TCP4, Version.V2).contains("proxy-protocol = v2"));
    }

    @Test
    void screeningTellsHeadersFromClientBytes() {
        assertTrue(ProxyHeader.startsWithHeader(ByteBuffer.wrap(V1_TCP4)));
        assertTrue(ProxyHeader.startsWithHeader(ByteBuffer.wrap(v1("PROXY UNKNOWN\r\n"))));
        assertTrue(ProxyHeader.startsWithHeader(ByteBuffer.wrap(Arrays.copyOf(V2_TCP4, 12))));
        assertFalse(ProxyHeader.startsWithHeader(ByteBuffer.wrap(Arrays.copyOf(V2_TCP4, 11))));
        assertFalse(ProxyHeader.startsWithHeader(ByteBuffer.wrap(v1("PROXY SERVER\n"))));
        assertFalse(ProxyHeader.startsWithHeader(ByteBuffer.wrap(v1("hello\n"))));
    }
}
