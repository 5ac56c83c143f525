package dev.switchboard.transport.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** PROXY protocol headers made by hand, as HAProxy and nginx send them, for the tests. */
final class ProxyHeaders {

    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    static final int LOCAL = 0x20;
    static final int PROXY = 0x21;
    static final int TCP4 = 0x11;
    static final int TCP6 = 0x21;
    static final int UNSPEC = 0x00;

    private ProxyHeaders() {}

    /** @return {@code line} in ASCII, such as {@code "PROXY TCP4 192.0.2.1 198.51.100.1 56324 443\r\n"} */
    static byte[] v1(String line) {
        return line.getBytes(US_ASCII);
    }

    /**
     * @return a version 2 {@code PROXY} header over TCP from {@code source}:{@code sourcePort} to
     *     {@code destination}:443, of the sources' family, followed by {@code tlvs}
     */
    static byte[] v2(String source, int sourcePort, String destination, byte[] tlvs) {
        byte[] from = address(source);
        byte[] to = address(destination);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes(from);
        payload.writeBytes(to);
        payload.write(sourcePort >>> 8);
        payload.write(sourcePort);
        payload.write(443 >>> 8);
        payload.write(443 & 0xFF);
        payload.writeBytes(tlvs);
        return v2(PROXY, from.length == 4 ? TCP4 : TCP6, payload.toByteArray());
    }

    /** @return a version 2 header with these command and family bytes and this payload */
    static byte[] v2(int versionAndCommand, int familyAndProtocol, byte[] payload) {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        header.writeBytes(V2_SIGNATURE);
        header.write(versionAndCommand);
        header.write(familyAndProtocol);
        header.write(payload.length >>> 8);
        header.write(payload.length & 0xFF);
        header.writeBytes(payload);
        return header.toByteArray();
    }

    /** @return a TLV of this type holding {@code length} bytes of {@code 'x'} */
    static byte[] tlv(int type, int length) {
        byte[] tlv = new byte[3 + length];
        tlv[0] = (byte) type;
        tlv[1] = (byte) (length >>> 8);
        tlv[2] = (byte) length;
        java.util.Arrays.fill(tlv, 3, tlv.length, (byte) 'x');
        return tlv;
    }

    /** @return {@code first} followed by {@code second} */
    static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
