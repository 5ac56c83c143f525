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
 * restart rebinds at once, and with {@code TCP_NODELAY} on every connection, whose replies are
 * written whole.
 *
 * @param address where to bind; port 0 picks a free port
 */
record TcpBinding(InetSocketAddress address) implements StreamBinding {

    @Override
    public ServerSocketChannel bind(int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open(Addresses.family(address));
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
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

    @Override
    public void configure(SocketChannel connection) throws IOException {
        connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }
}
