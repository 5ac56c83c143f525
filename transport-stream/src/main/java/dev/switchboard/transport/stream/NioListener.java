package dev.switchboard.transport.stream;

import dev.switchboard.transport.stream.io.Listener;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A {@link Listener} over the {@link ServerSocketChannel} a {@link StreamBinding} bound, made
 * non-blocking and watched by a selector of its own, which {@link #close()} closes too.
 */
final class NioListener implements Listener {

    private final ServerSocketChannel server;
    private final StreamBinding binding;
    private final Selector selector;

    /**
     * @param server the bound listening channel, in blocking mode; owned by the listener from now on
     * @param binding what sets up each connection and names the local addresses
     * @throws IOException if the selector cannot be opened; {@code server} is then closed
     */
    NioListener(ServerSocketChannel server, StreamBinding binding) throws IOException {
        this.server = server;
        this.binding = binding;
        Selector opened = null;
        try {
            opened = Selector.open();
            server.configureBlocking(false);
            server.register(opened, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            server.close();
            throw e;
        }
        this.selector = opened;
    }

    @Override
    public StreamSocket accept() throws IOException {
        SocketChannel channel = server.accept();
        return channel == null ? null : new NioSocket(channel, binding);
    }

    @Override
    public void configure(StreamSocket connection) throws IOException {
        SocketChannel channel = ((NioSocket) connection).channel;
        channel.configureBlocking(false);
        binding.configure(channel);
    }

    @Override
    public void await() throws IOException {
        try {
            // no selected-key set: a successor's acceptor may wait here too while this one hands over
            selector.select(NioListener::ignore);
        } catch (ClosedSelectorException e) { // closed from another thread: the next accept says so
        }
    }

    private static void ignore(SelectionKey key) {
        // the accept that follows takes what is ready
    }

    @Override
    public void wakeUp() {
        selector.wakeup();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return binding.localAddress(server);
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            selector.close();
        }
    }
}
