package dev.switchboard.transport.sockaddr;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;

/**
 * {@code struct sockaddr_in} and {@code sockaddr_in6} to and from {@link InetSocketAddress}. An
 * IPv6 socket serves IPv4 peers as IPv4-mapped addresses ({@code ::ffff:a.b.c.d}), which become
 * {@link Inet4Address}es here, as in the JDK, and are mapped back when one is encoded for an IPv6
 * socket.
 */
public final class SocketAddresses {

    /** The IPv4 address family, for {@code socket} and in a {@code sockaddr_in} */
    public static final int AF_INET = 2;
    /** The IPv6 address family, for {@code socket} and in a {@code sockaddr_in6} */
    public static final int AF_INET6 = 10;
    /** {@code sizeof(struct sockaddr_in)} */
    public static final int IPV4_BYTES = 16;
    /** {@code sizeof(struct sockaddr_in6)}: room for either */
    public static final int IPV6_BYTES = 28;

    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final int FAMILY_OFFSET = 0;
    private static final int PORT_OFFSET = 2;
    private static final int IPV4_ADDRESS_OFFSET = 4;
    private static final int IPV6_FLOW_OFFSET = 4;
    private static final int IPV6_ADDRESS_OFFSET = 8;
    private static final int IPV6_SCOPE_OFFSET = 24;

    private SocketAddresses() {}

    /**
     * @param address where to bind or send
     * @param ipv6 whether the socket is an IPv6 one
     * @param to at least {@link #IPV6_BYTES} bytes
     * @param offset where in {@code to}
     * @return the length written
     * @throws IllegalArgumentException for an IPv6 address on an IPv4 socket
     */
    public static int encode(InetSocketAddress address, boolean ipv6, MemorySegment to, long offset) {
        InetAddress ip = address.getAddress();
        to.asSlice(offset, IPV6_BYTES).fill((byte) 0);
        to.set(PORT, offset + PORT_OFFSET, (short) address.getPort());
        if (!ipv6) {
            if (!(ip instanceof Inet4Address)) {
                throw new IllegalArgumentException("an IPv4 socket cannot use " + address);
            }
            to.set(JAVA_SHORT, offset + FAMILY_OFFSET, (short) AF_INET);
            MemorySegment.copy(ip.getAddress(), 0, to, JAVA_BYTE, offset + IPV4_ADDRESS_OFFSET, 4);
            return IPV4_BYTES;
        }
        to.set(JAVA_SHORT, offset + FAMILY_OFFSET, (short) AF_INET6);
        to.set(JAVA_INT, offset + IPV6_FLOW_OFFSET, 0);
        if (ip instanceof Inet6Address ip6) {
            MemorySegment.copy(ip6.getAddress(), 0, to, JAVA_BYTE, offset + IPV6_ADDRESS_OFFSET, 16);
            to.set(JAVA_INT, offset + IPV6_SCOPE_OFFSET, ip6.getScopeId());
        } else {
            to.set(JAVA_SHORT, offset + IPV6_ADDRESS_OFFSET + 10, (short) 0xffff);
            MemorySegment.copy(ip.getAddress(), 0, to, JAVA_BYTE, offset + IPV6_ADDRESS_OFFSET + 12, 4);
        }
        return IPV6_BYTES;
    }

    /**
     * @param from a {@code sockaddr_in} or {@code sockaddr_in6}
     * @param offset where in {@code from}
     * @return the address and port
     * @throws IllegalArgumentException for another family
     */
    public static InetSocketAddress decode(MemorySegment from, long offset) {
        int family = from.get(JAVA_SHORT, offset + FAMILY_OFFSET);
        int port = Short.toUnsignedInt(from.get(PORT, offset + PORT_OFFSET));
        try {
            if (family == AF_INET) {
                byte[] ip = new byte[4];
                MemorySegment.copy(from, JAVA_BYTE, offset + IPV4_ADDRESS_OFFSET, ip, 0, 4);
                return new InetSocketAddress(InetAddress.getByAddress(ip), port);
            }
            if (family == AF_INET6) {
                byte[] ip = new byte[16];
                MemorySegment.copy(from, JAVA_BYTE, offset + IPV6_ADDRESS_OFFSET, ip, 0, 16);
                int scope = from.get(JAVA_INT, offset + IPV6_SCOPE_OFFSET);
                // getByAddress makes an IPv4-mapped address an Inet4Address
                InetAddress address = scope == 0 ? InetAddress.getByAddress(ip) : Inet6Address.getByAddress(null, ip, scope);
                return new InetSocketAddress(address, port);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
        throw new IllegalArgumentException("not an IP socket address: family " + family);
    }
}
