package dev.switchboard.transport.tcp;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.stream.StreamBinding;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * Binds a TCP listening socket to an IP address: of the address's family (an IPv4 address binds an
 * IPv4 socket, so that {@code 0.0.0.0} does not serve IPv6 too), with {@code SO_REUSEADDR} so that a
 * restart rebinds at once, with {@code SO_REUSEPORT} if {@code reuse-port} asks for it (so that
 * another instance may listen on the same port, and the kernel spreads new connections over both),
 * and with {@code TCP_NODELAY} on every connection, whose replies are written whole. The accelerated
 * I/O path of JDK 22 and later binds the same way from {@link #tcp()}.
 *
 * @param address where to bind; port 0 picks a free port
 * @param reusePort whether the port may be shared with other sockets that ask for it too
 */
record TcpBinding(InetSocketAddress address, boolean reusePort) implements StreamBinding {

    @Override
    public ServerSocketChannel bind(int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(Addresses.family(address));
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (reusePort) {
                if (!channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                    throw new IOException(Addresses.format(address)
                            + ": reuse-port = true, but SO_REUSEPORT is not supported here");
                }
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            }
            channel.bind(address, backlog);
            return channel;
        } catch (BindException e) {
            channel.close();
            throw Addresses.bindFailure(address, e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The same address and {@code reuse-port}, and this class: a replaced plugin's copy of it is another. */
    @Override
    public boolean takeOverFrom(StreamBinding serving) {
        return equals(serving);
    }

    @Override
    public TcpListening tcp() {
        return new TcpListening(address, reusePort);
    }

    @Override
    public void configure(SocketChannel connection) throws IOException {
        connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
}
