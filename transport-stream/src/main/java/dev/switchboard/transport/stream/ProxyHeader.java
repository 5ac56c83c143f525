package dev.switchboard.transport.stream;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.switchboard.transport.Addresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * A PROXY protocol header, version 1 (text) or 2 (binary), as a balancer sends it ahead of its
 * client's bytes: how many bytes it takes and the client it names. Parsed from the bytes received so
 * far, which may hold less than the header (then more are needed) or more (the client's first bytes,
 * which are left for the framing). Bounded: a version 1 header is at most {@value #V1_MAX_BYTES}
 * bytes, its terminator included; a version 2 header at most 16 bytes and {@value #V2_MAX_PAYLOAD}
 * of addresses and TLVs, which are skipped.
 *
 * @param length the header's bytes, to skip before the client's
 * @param client the client, or null to keep the connection's own peer: for a version 2 {@code LOCAL}
 *     header (the balancer's health check), a version 1 {@code UNKNOWN} one, and a version 2 header
 *     of an unspecified or Unix-domain family
 */
record ProxyHeader(int length, InetSocketAddress client) {

    /** The longest version 1 header, {@code "PROXY UNKNOWN"} and up to 94 bytes more with {@code "\r\n"}. */
    static final int V1_MAX_BYTES = 107;
    /**
     * The most bytes a version 2 header may carry after its 16: the addresses and the TLVs that HAProxy,
     * nginx and the cloud balancers add (a unique id, TLS details, an endpoint id) fit several times over.
     */
    static final int V2_MAX_PAYLOAD = 2048;

    private static final byte[] V1_PREFIX = "PROXY ".getBytes(US_ASCII);
    private static final byte[][] V1_FORGED = {
        "PROXY TCP4 ".getBytes(US_ASCII), "PROXY TCP6 ".getBytes(US_ASCII), "PROXY UNKNOWN".getBytes(US_ASCII)};
    private static final byte[] V2_SIGNATURE = {
        0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final int V2_FIXED = 16;
    private static final int LOCAL = 0x0;
    private static final int PROXY = 0x1;
    private static final int AF_UNSPEC = 0x0;
    private static final int AF_INET = 0x1;
    private static final int AF_INET6 = 0x2;
    private static final int AF_UNIX = 0x3;

    /** Why bytes are not a header that the endpoint accepts; its message says what is wrong. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses the header at the start of {@code in}, leaving the buffer as it is.
     *
     * @param in the bytes received so far, between position and limit
     * @param version which versions are accepted; not {@link ProxyProtocol.Version#OFF}
     * @return the header, or null if the bytes are the start of one and more are needed
     * @throws Malformed if the bytes cannot start a header of an accepted version, or are too many
     *     for one
     */
    static ProxyHeader parse(ByteBuffer in, ProxyProtocol.Version version) throws Malformed {
        if (!in.hasRemaining()) {
            return null;
        }
        byte first = in.get(in.position());
        if (first == V1_PREFIX[0]) {
            if (!version.acceptsV1()) {
                throw new Malformed("a version 1 header, but proxy-protocol = v2");
            }
            return parseV1(in);
        }
        if (first == V2_SIGNATURE[0]) {
            if (!version.acceptsV2()) {
                throw new Malformed("a version 2 header, but proxy-protocol = v1");
            }
            return parseV2(in);
        }
        throw new Malformed("no PROXY protocol header: the connection starts with byte 0x"
                + Integer.toHexString(first & 0xFF));
    }

    /**
     * @param in the first bytes a peer that is not a trusted balancer sent, between position and limit
     * @return whether they are a PROXY protocol header's start, as far as that can be told from them:
     *     the version 2 signature, or {@code "PROXY TCP4 "}, {@code "PROXY TCP6 "} or
     *     {@code "PROXY UNKNOWN"}; fewer bytes than those are taken as the client's own
     */
    static boolean startsWithHeader(ByteBuffer in) {
        if (startsWith(in, V2_SIGNATURE)) {
            return true;
        }
        for (byte[] prefix : V1_FORGED) {
            if (startsWith(in, prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(ByteBuffer in, byte[] prefix) {
        if (in.remaining() < prefix.length) {
            return false;
        }
        return matches(in, prefix, prefix.length);
    }

    /** @return whether the first {@code count} bytes of {@code in} are those of {@code expected} */
    private static boolean matches(ByteBuffer in, byte[] expected, int count) {
        for (int i = 0; i < count; i++) {
            if (in.get(in.position() + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static ProxyHeader parseV1(ByteBuffer in) throws Malformed {
        int available = in.remaining();
        if (!matches(in, V1_PREFIX, Math.min(available, V1_PREFIX.length))) {
            throw new Malformed("a version 1 header must start with \"PROXY \"");
        }
        int searched = Math.min(available, V1_MAX_BYTES);
        int end = -1;
        for (int i = 0; i < searched; i++) {
            if (in.get(in.position() + i) == '\n') {
                end = i;
                break;
            }
        }
        if (end < 0) {
            if (available >= V1_MAX_BYTES) {
                throw new Malformed("a version 1 header without \"\\r\\n\" in its first " + V1_MAX_BYTES + " bytes");
            }
            return null;
        }
        if (end == 0 || in.get(in.position() + end - 1) != '\r') {
            throw new Malformed("a version 1 header must end with \"\\r\\n\"");
        }
        byte[] line = new byte[end - 1];
        in.get(in.position(), line);
        return new ProxyHeader(end + 1, clientV1(new String(line, US_ASCII)));
    }

    private static InetSocketAddress clientV1(String line) throws Malformed {
        String[] fields = line.split(" ", -1);
        if (fields.length >= 2 && fields[1].equals("UNKNOWN")) {
            return null; // whatever follows is to be ignored
        }
        if (fields.length != 6 || !fields[1].equals("TCP4") && !fields[1].equals("TCP6")) {
            throw new Malformed("a version 1 header must read \"PROXY TCP4|TCP6 source destination source-port"
                    + " destination-port\" or \"PROXY UNKNOWN\"");
        }
        boolean ipv4 = fields[1].equals("TCP4");
        InetAddress source = addressV1(fields[2], ipv4);
        addressV1(fields[3], ipv4);
        int sourcePort = portV1(fields[4]);
        portV1(fields[5]);
        return new InetSocketAddress(source, sourcePort);
    }

    private static InetAddress addressV1(String text, boolean ipv4) throws Malformed {
        InetAddress address = text.indexOf(':') >= 0 == !ipv4 ? Addresses.literal(text) : null;
        if (address == null) {
            throw new Malformed("\"" + text + "\" is not an " + (ipv4 ? "IPv4" : "IPv6") + " address");
        }
        return address;
    }

    private static int portV1(String text) throws Malformed {
        boolean digits = !text.isEmpty() && text.length() <= 5 && (text.length() == 1 || text.charAt(0) != '0');
        for (int i = 0; digits && i < text.length(); i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits || Integer.parseInt(text) > 65535) {
            throw new Malformed("\"" + text + "\" is not a port");
        }
        return Integer.parseInt(text);
    }

    private static ProxyHeader parseV2(ByteBuffer in) throws Malformed {
        int available = in.remaining();
        if (!matches(in, V2_SIGNATURE, Math.min(available, V2_SIGNATURE.length))) {
            throw new Malformed("a version 2 header must start with its 12-byte signature");
        }
        if (available < V2_FIXED) {
            return null;
        }
        int start = in.position();
        int versionAndCommand = in.get(start + 12) & 0xFF;
        int command = versionAndCommand & 0x0F;
        if (versionAndCommand >>> 4 != 2 || command != LOCAL && command != PROXY) {
            throw new Malformed("a version 2 header with version and command 0x" + Integer.toHexString(versionAndCommand)
                    + ", not 0x20 (LOCAL) or 0x21 (PROXY)");
        }
        int familyAndProtocol = in.get(start + 13) & 0xFF;
        int family = familyAndProtocol >>> 4;
        if (family > AF_UNIX || (familyAndProtocol & 0x0F) > 2) {
            throw new Malformed("a version 2 header with an unknown family and protocol, 0x"
                    + Integer.toHexString(familyAndProtocol));
        }
        int payload = in.getShort(start + 14) & 0xFFFF;
        if (payload > V2_MAX_PAYLOAD) {
            throw new Malformed("a version 2 header of " + (V2_FIXED + payload) + " bytes, more than "
                    + (V2_FIXED + V2_MAX_PAYLOAD));
        }
        if (available < V2_FIXED + payload) {
            return null;
        }
        InetSocketAddress client = command == PROXY ? clientV2(in, start + V2_FIXED, family, payload) : null;
        return new ProxyHeader(V2_FIXED + payload, client);
    }

    /** Reads the source address and port of an IPv4 or IPv6 header; other families keep the peer. */
    private static InetSocketAddress clientV2(ByteBuffer in, int at, int family, int payload) throws Malformed {
        if (family == AF_UNSPEC || family == AF_UNIX) {
            return null;
        }
        int addressBytes = family == AF_INET ? 4 : 16;
        if (payload < 2 * addressBytes + 4) {
            throw new Malformed("a version 2 header too short for its " + (family == AF_INET ? "IPv4" : "IPv6")
                    + " addresses: " + payload + " bytes after the first 16");
        }
        byte[] source = new byte[addressBytes];
        in.get(at, source);
        int port = in.getShort(at + 2 * addressBytes) & 0xFFFF;
        try {
            // an IPv4-mapped IPv6 source is its IPv4 address, as the JDK reports such peers
            return new InetSocketAddress(InetAddress.getByAddress(source), port);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }
}
