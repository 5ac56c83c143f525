package dev.switchboard.transport.stream;

import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

/** The binding of a loop that never binds: its test hands it connections itself, as the acceptor would. */
final class NotBound implements StreamBinding {

    static final NotBound INSTANCE = new NotBound();

    private NotBound() {}

    @Override
    public SocketAddress address() {
        return null;
    }

    @Override
    public ServerSocketChannel bind(int backlog) {
        throw new UnsupportedOperationException("the loop never listens");
    }
}
