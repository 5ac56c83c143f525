package dev.switchboard.transport.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/** A client that sends requests as fast as it can and never reads a reply. */
final class Hog {

    static final long ONE_GIGABYTE = 1L << 30;

    private Hog() {}

    /**
     * Writes until the connection has taken nothing for a second while the server holds at least
     * its high watermark of replies for it, which means the server stopped reading from it; or until
     * a gigabyte is sent, which means it did not.
     *
     * @param hog a connected channel, which this makes non-blocking
     * @return the bytes sent
     */
    static long sendUntilStalled(SocketChannel hog, TestServer server, int highWatermark) throws IOException {
        try (Selector writable = Selector.open()) {
            hog.configureBlocking(false);
            hog.register(writable, SelectionKey.OP_WRITE);
            ByteBuffer chunk = ByteBuffer.wrap("a".repeat(64 * 1024).getBytes());
            long sent = 0;
            while (sent < ONE_GIGABYTE) {
                int written = hog.write(chunk.clear());
                sent += written;
                if (written == 0 && writable.select(1000) == 0 && server.transport.bufferedBytes() >= highWatermark) {
                    break;
                }
                writable.selectedKeys().clear();
            }
            return sent;
        }
    }
}
