package dev.switchboard.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IP addresses in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}; an
 * address alone is a block of one ({@code /32} or {@code /128}). An IPv4 block holds IPv4 addresses
 * and an IPv6 block IPv6 ones: an IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}), whether a peer's
 * or a block's ({@code ::ffff:10.0.0.0/104} is {@code 10.0.0.0/8}), is taken as the IPv4 address it
 * carries, so {@code ::/0} holds every IPv6 address and no IPv4 one. Immutable.
 *
 * @param ipv4 whether the block is of IPv4 addresses
 * @param high the first 64 bits of its first address, an IPv4 address in its mapped form
 *     ({@code ::ffff:a.b.c.d}, so always 0)
 * @param low the last 64 bits of its first address
 * @param prefixLength how many leading bits its addresses share: 0 to 32 for IPv4, 0 to 128 for IPv6
 */
public record Cidr(boolean ipv4, long high, long low, int prefixLength) {

    /** Checks the prefix length against the family and that no address bit beyond it is set. */
    public Cidr {
        if (prefixLength < 0 || prefixLength > (ipv4 ? 32 : 128)) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range");
        }
        int bits = bits(ipv4, prefixLength);
        if ((high & ~IpBits.highMask(bits)) != 0 || (low & ~IpBits.lowMask(bits)) != 0
                || ipv4 && (high != 0 || (low & 0xFFFF_FFFF_0000_0000L) != IpBits.MAPPED_MARKER)) {
            throw new IllegalArgumentException("not the first address of a /" + prefixLength + " block");
        }
    }

    /**
     * @param text a literal address with an optional {@code /prefix-length}, such as
     *     {@code "192.0.2.0/24"}, {@code "::1"} or {@code "2001:db8::/48"}; host names are not looked up
     * @return the block
     * @throws IllegalArgumentException saying what is wrong with {@code text}, quoting it: not an
     *     address, a prefix length out of range, or bits set beyond the prefix (naming the block meant)
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        byte[] address = IpBits.parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("\"" + text
                    + "\" is not an IP address or block, such as \"192.0.2.0/24\" or \"2001:db8::/32\"");
        }
        int maxWritten = address.length * 8;
        int written = slash < 0 ? maxWritten : IpBits.decimal(text.substring(slash + 1));
        boolean ipv4 = IpBits.isIpv4(address);
        boolean mapped = ipv4 && address.length == 16;
        if (written < 0 || written > maxWritten || mapped && written < IpBits.IPV4_OFFSET) {
            throw new IllegalArgumentException("\"" + text + "\": the prefix length must be a number from "
                    + (mapped ? IpBits.IPV4_OFFSET : 0) + " to " + maxWritten);
        }
        int prefixLength = mapped ? written - IpBits.IPV4_OFFSET : written;
        int bits = bits(ipv4, prefixLength);
        long high = IpBits.high(address);
        long low = IpBits.low(address);
        Cidr block = new Cidr(ipv4, high & IpBits.highMask(bits), low & IpBits.lowMask(bits), prefixLength);
        if (block.high != high || block.low != low) {
            throw new IllegalArgumentException("\"" + text + "\" has address bits set beyond its prefix length;"
                    + " the block is \"" + block + "\"");
        }
        return block;
    }

    /**
     * @param address any IP address
     * @return whether it is in this block
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        return contains(IpBits.isIpv4(bytes), IpBits.high(bytes), IpBits.low(bytes));
    }

    /** {@link #contains(InetAddress)} for an address already in bits (the mapped form for IPv4). */
    boolean contains(boolean ipv4Address, long addressHigh, long addressLow) {
        int bits = bits(ipv4, prefixLength);
        return ipv4Address == ipv4 && (addressHigh & IpBits.highMask(bits)) == high
                && (addressLow & IpBits.lowMask(bits)) == low;
    }

    /** @return the block in CIDR notation, such as {@code 10.0.0.0/8} or {@code 2001:db8::/32} */
    @Override
    public String toString() {
        byte[] bytes = new byte[ipv4 ? 4 : 16];
        for (int i = 0; i < bytes.length; i++) {
            int bit = (ipv4 ? IpBits.IPV4_OFFSET : 0) + 8 * i;
            bytes[i] = (byte) ((bit < 64 ? high : low) >>> (56 - bit % 64));
        }
        try {
            return Addresses.host(InetAddress.getByAddress(bytes)) + "/" + prefixLength;
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    /** @return the prefix length in the 128 bits of the mapped form */
    private static int bits(boolean ipv4, int prefixLength) {
        return ipv4 ? IpBits.IPV4_OFFSET + prefixLength : prefixLength;
    }
}
