package dev.switchboard.transport.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The one part of a stream transport that depends on its address family: how its listening
 * channel is opened, bound and cleaned up, and how each accepted connection is set up. The
 * {@code tcp} transport binds an {@link java.net.InetSocketAddress} with {@code SO_REUSEADDR} and
 * sets {@code TCP_NODELAY} on each connection; a Unix-domain transport binds a
 * {@link java.net.UnixDomainSocketAddress} (where neither option exists) and removes its socket file
 * on stop. Everything else is {@link StreamTransport}'s.
 *
 * <p>{@link StreamTransport} calls {@link #bind} once on start and {@link #unbind} once on stop (or
 * after a start that failed once bound), from the thread that starts or stops it;
 * {@link #configure} from its acceptor thread, {@link #localAddress} from either. An implementation
 * is typically immutable.
 */
public interface StreamBinding {

    /**
     * The address the settings ask for, shown in the endpoint's description until it is bound.
     *
     * @return the configured address, such as {@code 0.0.0.0:12000} or a socket file's path
     */
    SocketAddress address();

    /**
     * Opens a listening channel of the address's family, in blocking mode, and binds it.
     *
     * @param backlog connections the kernel may queue before they are accepted
     * @return the bound channel, which the transport owns from now on and closes on stop
     * @throws java.net.BindException if the address cannot be bound, such as one in use; its message
     *     should start with the address ({@link dev.switchboard.transport.Addresses#bindFailure})
     * @throws IOException if the channel cannot be opened or bound for another reason; nothing may
     *     be left open or created then
     */
    ServerSocketChannel bind(int backlog) throws IOException;

    /**
     * Sets up a newly accepted connection before it is served: socket options, say. The channel is
     * already non-blocking; the default does nothing.
     *
     * @param connection the accepted connection
     * @throws IOException if the connection is already unusable; it is then closed and not served
     */
    default void configure(SocketChannel connection) throws IOException {}

    /**
     * The local address of one of this binding's channels: of the bound listening channel, which the
     * transport reports as its {@link dev.switchboard.api.Transport#localAddress()} and passes to
     * {@link #unbind}, and of each accepted connection, which its requests'
     * {@link dev.switchboard.api.RequestContext#localAddress()} carries. The default asks the
     * channel. A binding that moves its socket file after binding overrides it: the kernel goes on
     * reporting the path the socket was bound to.
     *
     * @param channel the bound listening channel, or an accepted connection
     * @return its local address
     * @throws IOException if the channel cannot tell
     */
    default SocketAddress localAddress(NetworkChannel channel) throws IOException {
        return channel.getLocalAddress();
    }

    /**
     * Readies this binding, unbound, to serve the listening channel {@code serving} bound, for a
     * transport that takes it over ({@link dev.switchboard.api.Transport#takeOver}) instead of
     * binding: from then on {@link #unbind} is this binding's to do. Called once, from the thread
     * that starts the transport. The default accepts a binding of this class for the same address
     * and takes nothing over; a binding whose {@link #bind} applies more than the address (a socket
     * option, a file's permissions) compares that too, and one that keeps what {@code bind} created
     * takes it over.
     *
     * @param serving the binding of the transport serving on the channel
     * @return false if the channel is not one this binding would have bound: another class (such as
     *     a replaced plugin's), address or bind-time option; nothing changed then
     */
    default boolean takeOverFrom(StreamBinding serving) {
        return getClass() == serving.getClass() && address().equals(serving.address());
    }

    /**
     * Undoes what {@link #bind} left behind once its channel is closed, such as a Unix-domain
     * socket's file; the default does nothing. A failure is logged by the transport, which goes on
     * stopping.
     *
     * @param bound the address the channel was bound to, as {@link #localAddress} reported it
     * @throws IOException if the clean-up fails
     */
    default void unbind(SocketAddress bound) throws IOException {}

    /**
     * What the accelerated I/O path on JDK 22 and later needs to open and bind this binding's
     * listening socket itself, in place of {@link #bind}: it does so as {@code tcp} does (the
     * address's family, {@code SO_REUSEADDR}, {@code SO_REUSEPORT} if asked), and gives every
     * connection {@code TCP_NODELAY}; neither {@link #bind}, {@link #configure} nor
     * {@link #localAddress} is called then. The default, null, keeps the binding on {@code java.nio}.
     *
     * @return the TCP address and options, or null for a binding that only {@link #bind} can bind
     */
    default TcpListening tcp() {
        return null;
    }

    /**
     * A TCP listening socket's address and options, for {@link #tcp()}.
     *
     * @param address the IP address and port to bind; port 0 picks a free port
     * @param reusePort whether {@code SO_REUSEPORT} is set
     */
    record TcpListening(InetSocketAddress address, boolean reusePort) {}
}
