package dev.switchboard.transport.udp;

import dev.switchboard.transport.Refusal;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * Decides which datagrams may be answered and which replies may leave: the endpoint's defence
 * against being used to reflect traffic toward a victim whose address a request forged, or to
 * amplify it (RFC 9000 section 8). It is consulted for every datagram and every reply; which senders
 * are served at all, and how fast, is each loop's {@link SenderCheck}'s. Immutable, and so safe from
 * any thread.
 */
final class Admission {

    private static final InetAddress LIMITED_BROADCAST = ipv4(255, 255, 255, 255);

    private final int maxReplyRatio;
    private final Set<InetAddress> localBroadcasts;

    /**
     * @param maxReplyRatio how many times its request a reply may be at most; 0 = no limit
     * @param localBroadcasts the broadcast addresses of the local interfaces
     */
    Admission(int maxReplyRatio, Set<InetAddress> localBroadcasts) {
        this.maxReplyRatio = maxReplyRatio;
        this.localBroadcasts = Set.copyOf(localBroadcasts);
    }

    /**
     * @param maxReplyRatio how many times its request a reply may be at most; 0 = no limit
     * @return an admission that knows the broadcast addresses the local interfaces have now (an
     *     interface configured later is still covered by the kernel, which refuses to send to a
     *     broadcast address from a socket without {@code SO_BROADCAST})
     * @throws SocketException if the interfaces cannot be listed
     */
    static Admission forLocalInterfaces(int maxReplyRatio) throws SocketException {
        Set<InetAddress> broadcasts = new HashSet<>();
        var interfaces = NetworkInterface.getNetworkInterfaces();
        while (interfaces != null && interfaces.hasMoreElements()) {
            for (InterfaceAddress address : interfaces.nextElement().getInterfaceAddresses()) {
                if (address.getBroadcast() != null) {
                    broadcasts.add(address.getBroadcast());
                }
            }
        }
        return new Admission(maxReplyRatio, broadcasts);
    }

    /**
     * Whether a datagram from {@code sender} may be answered at all: never when a reply would go to
     * port 0, a multicast, broadcast or wildcard address, which no genuine sender has and which a
     * forged request uses to reflect traffic onto many hosts.
     *
     * @param sender where a request came from, and so where its reply would go
     * @return {@code null} if it may be answered, else {@link Refusal#FORBIDDEN_DESTINATION}
     */
    Refusal checkSender(InetSocketAddress sender) {
        InetAddress address = sender.getAddress();
        boolean forbidden = sender.getPort() == 0
                || address == null
                || address.isMulticastAddress()
                || address.isAnyLocalAddress()
                || address.equals(LIMITED_BROADCAST)
                || localBroadcasts.contains(address);
        return forbidden ? Refusal.FORBIDDEN_DESTINATION : null;
    }

    /**
     * Whether a reply may be sent.
     *
     * @param destination where the reply would go
     * @param requestBytes the size of the request it answers
     * @param replyBytes the size of the reply
     * @return {@code null} if it may be sent; {@link Refusal#REPLY_TOO_LARGE} if it does not fit in a
     *     datagram to {@code destination}; {@link Refusal#REPLY_AMPLIFICATION} if it is more than
     *     {@code max-reply-ratio} times its request
     */
    Refusal checkReply(InetSocketAddress destination, int requestBytes, int replyBytes) {
        if (replyBytes > maxReplyBytes(destination)) {
            return Refusal.REPLY_TOO_LARGE;
        }
        if (maxReplyRatio > 0 && replyBytes > (long) maxReplyRatio * requestBytes) {
            return Refusal.REPLY_AMPLIFICATION;
        }
        return null;
    }

    /** @return how many times its request a reply may be at most; 0 = no limit */
    int maxReplyRatio() {
        return maxReplyRatio;
    }

    /**
     * @param destination where a reply would go
     * @return the largest payload a datagram to it can carry
     */
    static int maxReplyBytes(InetSocketAddress destination) {
        return destination.getAddress() instanceof Inet6Address
                ? UdpSettings.MAX_DATAGRAM_IPV6
                : UdpSettings.MAX_DATAGRAM_IPV4;
    }

    private static InetAddress ipv4(int a, int b, int c, int d) {
        try {
            return Inet4Address.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // four bytes are always an address
        }
    }
}
