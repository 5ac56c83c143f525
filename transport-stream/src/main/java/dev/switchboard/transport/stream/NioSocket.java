package dev.switchboard.transport.stream;

import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A connection through {@code java.nio}: its channel, and its key once a {@link NioPoller} registered it. */
final class NioSocket implements StreamSocket {

    final SocketChannel channel;
    private final StreamBinding binding;
    SelectionKey key;
    Object attachment;

    /**
     * @param channel an accepted connection
     * @param binding what gives its local address ({@link StreamBinding#localAddress})
     */
    NioSocket(SocketChannel channel, StreamBinding binding) {
        this.channel = channel;
        this.binding = binding;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return channel.read(into);
    }

    @Override
    public int write(ByteBuffer from) throws IOException {
        return channel.write(from);
    }

    @Override
    public void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public SocketAddress remoteAddress() throws IOException {
        return channel.getRemoteAddress();
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return binding.localAddress(channel);
    }

    @Override
    public int interest() {
        return key.interestOps();
    }

    @Override
    public void interest(int ops) {
        key.interestOps(ops);
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void close() throws IOException {
        if (key != null) {
            key.cancel();
        }
        channel.close();
    }

    /** {@code java.nio} already defers releasing the descriptor while another thread uses the channel. */
    @Override
    public void cut() throws IOException {
        channel.close();
    }
}
