package dev.switchboard.soak;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * A hostile client's non-blocking connection from {@link Loopback#hostileSource()}, with small
 * socket buffers: the soak shares its machine, and hundreds of connections with the kernel's
 * default buffers would hold hundreds of megabytes of its memory. The server's buffers are its own.
 */
final class HostileConnection {

    private static final int SOCKET_BUFFER_BYTES = 16 * 1024;

    private HostileConnection() {}

    /**
     * @param server where to connect
     * @return a channel whose connection is under way: finish it with {@link SocketChannel#finishConnect()}
     * @throws IOException if the connection cannot even be started
     */
    static SocketChannel open(InetSocketAddress server) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_BYTES);
            channel.bind(Loopback.hostileSource());
            channel.connect(server);
            return channel;
        } catch (IOException e) {
            close(channel);
            throw e;
        }
    }

    /** @param channel closed, quietly: it is of no more use either way; may be null */
    static void close(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to do with it
        }
    }
}
