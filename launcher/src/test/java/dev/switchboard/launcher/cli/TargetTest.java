package dev.switchboard.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void readsAUdpHostAndPort() {
        Target target = Target.parse("udp://localhost:12000");

        assertEquals(Target.Protocol.UDP, target.protocol());
        assertEquals(InetSocketAddress.createUnresolved("localhost", 12000), target.address());
    }

    @Test
    void readsAnIpv6HostInBrackets() {
        Target target = Target.parse("tcp://[::1]:12000");

        assertEquals(Target.Protocol.TCP, target.protocol());
        assertEquals(InetSocketAddress.createUnresolved("::1", 12000), target.address());
    }

    @Test
    void readsAUnixSocketsPath() {
        Target target = Target.parse("unix:/run/switchboard.sock");

        assertEquals(Target.Protocol.UNIX, target.protocol());
        assertEquals(UnixDomainSocketAddress.of("/run/switchboard.sock"), target.address());
    }

    @Test
    void asksForBracketsAroundAnIpv6Host() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.parse("tcp://::1:12000"));

        assertEquals("an IPv6 address goes in brackets, such as tcp://[::1]:12000; got 'tcp://::1:12000'", e.getMessage());
    }

    @Test
    void rejectsAPortOutOfRange() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Target.parse("udp://127.0.0.1:65536"));

        assertEquals("expected a port from 1 to 65535 after the host, got 'udp://127.0.0.1:65536'", e.getMessage());
    }

    @Test
    void rejectsAMissingPort() {
        assertThrows(IllegalArgumentException.class, () -> Target.parse("tcp://127.0.0.1"));
    }
}
