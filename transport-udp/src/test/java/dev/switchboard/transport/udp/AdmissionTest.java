package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.switchboard.transport.Refusal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private static final InetAddress SUBNET_BROADCAST = address("192.0.2.255");

    private final Admission admission = new Admission(3, Set.of(SUBNET_BROADCAST));

    @Test
    void answersAnOrdinarySender() {
        assertNull(admission.checkSender(new InetSocketAddress("127.0.0.1", 40000)));
        assertNull(admission.checkSender(new InetSocketAddress("192.0.2.7", 40000)));
        assertNull(admission.checkSender(new InetSocketAddress("::1", 40000)));
    }

    @Test
    void neverRepliesToPortZero() {
        assertForbidden("127.0.0.1", 0);
    }

    @Test
    void neverRepliesToAnIpv4MulticastAddress() {
        assertForbidden("224.0.0.1", 40000);
    }

    @Test
    void neverRepliesToTheLimitedBroadcastAddress() {
        assertForbidden("255.255.255.255", 40000);
    }

    @Test
    void neverRepliesToTheBroadcastAddressOfALocalInterface() {
        assertForbidden("192.0.2.255", 40000);
    }

    @Test
    void neverRepliesToTheIpv4Wildcard() {
        assertForbidden("0.0.0.0", 40000);
    }

    @Test
    void neverRepliesToTheIpv6Wildcard() {
        assertForbidden("::", 40000);
    }

    @Test
    void neverRepliesToAnIpv6MulticastAddress() {
        assertForbidden("ff02::1", 40000);
    }

    @Test
    void knowsTheBroadcastAddressesOfTheLocalInterfaces() throws SocketException {
        List<InetAddress> broadcasts = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (address.getBroadcast() != null) {
                    broadcasts.add(address.getBroadcast());
                }
            }
        }
        assumeFalse(broadcasts.isEmpty(), "no interface here has a broadcast address");
        Admission local = Admission.forLocalInterfaces(3);
        for (InetAddress broadcast : broadcasts) {
            assertEquals(Refusal.FORBIDDEN_DESTINATION, local.checkSender(new InetSocketAddress(broadcast, 40000)),
                    broadcast.toString());
        }
    }

    @Test
    void sendsAReplyOfUpToMaxReplyRatioTimesItsRequest() {
        assertNull(admission.checkReply(new InetSocketAddress("127.0.0.1", 40000), 10, 30));
    }

    @Test
    void refusesAReplyOfMoreThanMaxReplyRatioTimesItsRequest() {
        assertEquals(Refusal.REPLY_AMPLIFICATION,
                admission.checkReply(new InetSocketAddress("127.0.0.1", 40000), 10, 31));
    }

    @Test
    void refusesAnyNonEmptyReplyToAnEmptyRequest() {
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        assertNull(admission.checkReply(peer, 0, 0));
        assertEquals(Refusal.REPLY_AMPLIFICATION, admission.checkReply(peer, 0, 1));
    }

    @Test
    void sendsRepliesOfAnySizeWhenMaxReplyRatioIsZero() {
        Admission unlimited = new Admission(0, Set.of());
        assertNull(unlimited.checkReply(new InetSocketAddress("127.0.0.1", 40000), 1, UdpSettings.MAX_DATAGRAM_IPV4));
    }

    @Test
    void refusesAReplyTooLargeForADatagramToAnIpv4Peer() {
        Admission unlimited = new Admission(0, Set.of());
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        assertNull(unlimited.checkReply(peer, 1, 65_507));
        assertEquals(Refusal.REPLY_TOO_LARGE, unlimited.checkReply(peer, 1, 65_508));
    }

    @Test
    void sendsTheLargerDatagramsIpv6Allows() {
        Admission unlimited = new Admission(0, Set.of());
        InetSocketAddress peer = new InetSocketAddress("::1", 40000);
        assertNull(unlimited.checkReply(peer, 1, 65_527));
        assertEquals(Refusal.REPLY_TOO_LARGE, unlimited.checkReply(peer, 1, 65_528));
    }

    private void assertForbidden(String host, int port) {
        assertEquals(Refusal.FORBIDDEN_DESTINATION, admission.checkSender(new InetSocketAddress(host, port)),
                host + ":" + port);
    }

    private static InetAddress address(String literal) {
        return new InetSocketAddress(literal, 0).getAddress();
    }
}
