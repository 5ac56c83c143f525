package dev.switchboard.transport;

import java.net.InetAddress;

/**
 * A source as per-source limits count it: a peer's IP address cut to a prefix, so that one host or
 * subscriber is one source however many addresses it uses (an IPv6 host typically has a whole /64).
 * IPv4 addresses are in their IPv4-mapped form, so an IPv4 peer and the same peer seen over an IPv6
 * socket are one source. Immutable.
 *
 * @param high the first 64 bits of the prefix
 * @param low the last 64 bits of the prefix, the bits beyond it zero
 */
public record SourceKey(long high, long low) {

    /**
     * @param address a peer's address
     * @param ipv4Prefix how many leading bits of an IPv4 address make its source, 0 to 32
     * @param ipv6Prefix how many leading bits of an IPv6 address make its source, 0 to 128
     * @return the address's source
     */
    public static SourceKey of(InetAddress address, int ipv4Prefix, int ipv6Prefix) {
        byte[] bytes = address.getAddress();
        int bits = IpBits.isIpv4(bytes) ? IpBits.IPV4_OFFSET + ipv4Prefix : ipv6Prefix;
        return new SourceKey(IpBits.high(bytes) & IpBits.highMask(bits), IpBits.low(bytes) & IpBits.lowMask(bits));
    }
}
