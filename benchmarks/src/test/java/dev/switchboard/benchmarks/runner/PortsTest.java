package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;

class PortsTest {

    @RepeatedTest(20)
    void picksThreeDifferentPortsEachFreeForTcpAndUdp() throws IOException {
        Ports ports = Ports.free();

        assertEquals(3, Set.copyOf(List.of(ports.tcpRaw(), ports.tcpLine(), ports.udp())).size(), ports.toString());
        for (int port : new int[] {ports.tcpRaw(), ports.tcpLine(), ports.udp()}) {
            try (ServerSocket tcp = new ServerSocket();
                    DatagramSocket udp = new DatagramSocket(null)) {
                tcp.bind(new InetSocketAddress(Ports.HOST, port));
                udp.bind(new InetSocketAddress(Ports.HOST, port));
            }
        }
    }

    @RepeatedTest(5)
    void picksPortsTheKernelDoesNotHandOutToConnections() {
        Ports ports = Ports.free();
        for (int port : new int[] {ports.tcpRaw(), ports.tcpLine(), ports.udp(), Ports.freePort()}) {
            assertTrue(port >= Ports.LOWEST_PORT && port < Ports.ephemeralLow(), port + " is not below the ephemeral range");
        }
    }
}
