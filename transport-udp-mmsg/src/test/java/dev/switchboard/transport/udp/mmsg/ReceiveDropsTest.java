package dev.switchboard.transport.udp.mmsg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A batched socket tells how many datagrams the kernel dropped on their way to it, in one system call:
 * the count {@code /proc/net/udp} lists for it, which the endpoint reports as
 * {@code kernel-receive-buffer} refusals.
 */
@Timeout(30)
class ReceiveDropsTest {

    private static final int SENT = 100;

    @Test
    void countsTheDatagramsAFullReceiveBufferDroppedAsProcNetUdpDoes() throws IOException {
        NativeDatagramSocket socket = NativeDatagramSocket.open(StandardProtocolFamily.INET);
        try (socket; DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, 1024);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress address = (InetSocketAddress) socket.getLocalAddress();
            assertEquals(0, socket.receiveDrops());
            for (int i = 0; i < SENT; i++) {
                sender.send(ByteBuffer.allocate(1000), address); // never received: the buffer fills up
            }
            Await.until(() -> {
                long drops = drops(socket);
                return drops > 0 && drops == tableDrops(address.getPort());
            }, "the drops counted, as /proc/net/udp counts them");
            assertTrue(drops(socket) < SENT, "the first datagram fits in any buffer");
        }
        assertThrows(ClosedChannelException.class, socket::receiveDrops);
    }

    private static long drops(NativeDatagramSocket socket) {
        try {
            return socket.receiveDrops();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the {@code drops} column of the row of {@code /proc/net/udp} bound to 127.0.0.1:{@code port} */
    private static long tableDrops(int port) {
        String local = String.format(Locale.ROOT, "0100007F:%04X", port);
        try {
            return Files.readAllLines(Path.of("/proc/net/udp")).stream()
                    .map(line -> line.strip().split("\\s+"))
                    .filter(columns -> columns[1].equals(local))
                    .mapToLong(columns -> Long.parseLong(columns[columns.length - 1]))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no row of /proc/net/udp for " + local));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
