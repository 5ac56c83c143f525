package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class KernelDropsTest {

    private static final String UDP = ""
            + "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops            \n"
            + " 1945: 0100007F:2EE0 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 35305 2 000000004bbf9d7d 17        \n"
            + " 1946: 00000000:2EE0 00000000:0000 07 00000000:00000C00 00:00000000 00000000  1000        0 35307 2 0000000052ab3c11 0         \n"
            + "  210: 00000000:0044 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 15000 2 00000000aa11bb22 4         \n";

    private static final String UDP6 = ""
            + "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n"
            + " 1945: 00000000000000000000000001000000:2EE0 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 35306 2 00000000051ce395 3\n";

    @Test
    void readsThePortInodeAndDropsOfEachRowOfProcNetUdp() {
        assertEquals(List.of(
                        new KernelDrops.Row(12000, 35305, 17),
                        new KernelDrops.Row(12000, 35307, 0),
                        new KernelDrops.Row(68, 15000, 4)),
                KernelDrops.rows(UDP));
    }

    @Test
    void readsTheRowsOfProcNetUdp6() {
        assertEquals(List.of(new KernelDrops.Row(12000, 35306, 3)), KernelDrops.rows(UDP6));
    }

    @Test
    void findsNoRowsInATableWithoutADropsColumn() {
        String beforeLinux2627 = ""
                + "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer\n"
                + "  1: 0100007F:2EE0 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 35305 2 ffff8800\n";
        assertEquals(List.of(), KernelDrops.rows(beforeLinux2627));
    }

    @Test
    void skipsLinesThatAreNotRows() {
        String table = UDP.lines().findFirst().orElseThrow() + "\n"
                + "\n"
                + " truncated: 0100007F:2EE0\n"
                + " 1945: 0100007F:ZZZZ 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 35305 2 0 1\n"
                + " 1946: 0100007F:2EE1 00000000:0000 07 00000000:00000000 00:00000000 00000000  1000        0 35310 2 0 2\n";
        assertEquals(List.of(new KernelDrops.Row(12001, 35310, 2)), KernelDrops.rows(table));
    }

    @Test
    void readsTheRowOfARealSocket() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "no /proc/net/udp here");
        try (DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress("127.0.0.1", 0))) {
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            List<KernelDrops.Row> rows = KernelDrops.rows(Files.readString(Path.of("/proc/net/udp"))).stream()
                    .filter(row -> row.localPort() == port)
                    .toList();
            assertEquals(1, rows.size());
            assertEquals(0, rows.get(0).drops());
        }
    }

    @Test
    @Timeout(30)
    void reportsTheDatagramsTheKernelDroppedBecauseTheReceiveBufferWasFull() throws InterruptedException {
        assumeTrue(Files.isReadable(Path.of("/proc/net/udp")), "no /proc/net/udp here");
        Gate gate = new Gate();
        // a service that blocks the loop although it does not say so: the receive buffer fills up
        try (TestEndpoint endpoint = TestEndpoint.start("receive-buffer-bytes = 1KiB", Services.gated(gate, false));
                TestClient client = endpoint.client()) {
            client.send("wait, and hold the loop");
            gate.awaitArrivals();
            byte[] datagram = new byte[1000];
            for (int i = 0; i < 100; i++) {
                client.send(datagram);
            }
            TransportStats stats = endpoint.awaitStats(s -> s.refused("kernel-receive-buffer") > 0, "drops reported");
            gate.open();
            endpoint.transport.stop(Duration.ofSeconds(1));
            assertEquals(stats.refused("kernel-receive-buffer"), endpoint.stats().refused("kernel-receive-buffer"),
                    "the count stays after the sockets close");
        }
    }
}
