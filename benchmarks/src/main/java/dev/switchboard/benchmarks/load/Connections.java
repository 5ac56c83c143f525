package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.SocketChannel;

/** Opening and closing the client's connections, with failures that say which server did not answer. */
final class Connections {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private Connections() {}

    /** @return a connected, blocking channel to {@code server} */
    static SocketChannel connect(InetSocketAddress server) {
        SocketChannel channel = null;
        try {
            channel = SocketChannel.open();
            channel.socket().connect(server, CONNECT_TIMEOUT_MILLIS);
            return channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw cannotConnect(server, e);
        }
    }

    /** @return the failure to report when {@code server} refuses or ignores a connection */
    static LoadFailure cannotConnect(InetSocketAddress server, IOException cause) {
        return new LoadFailure("cannot connect to " + server.getHostString() + ":" + server.getPort()
                + " (" + cause.getMessage() + "): is the server running?", cause);
    }

    /** Closes {@code channel}, if any, ignoring a failure: the peer may be gone already. */
    static void closeQuietly(Channel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }
}
