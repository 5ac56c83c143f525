package dev.switchboard.transport.stream.io;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Stream sockets through another path than {@code java.nio}, where the runtime allows. The stream
 * transport finds one through {@link java.util.ServiceLoader} and, if it says it is usable, serves
 * its TCP endpoints with it. Implementations are thread-safe.
 */
public interface StreamIoProvider {

    /**
     * Asked once, before any socket is opened.
     *
     * @return null if sockets can be opened in this runtime; else why not, as a phrase such as
     *     {@code "native access is not enabled for module m (--enable-native-access=m)"}
     */
    String unavailableReason();

    /**
     * @return how the poller's path is named in the endpoint's INFO line, such as {@code "epoll"}
     */
    String description();

    /**
     * Opens a poller for one event loop.
     *
     * @return the poller, owned by the caller
     * @throws IOException if it cannot be opened
     */
    Poller openPoller() throws IOException;

    /**
     * Opens a TCP listening socket of the address's family, with {@code SO_REUSEADDR}, binds and
     * listens; the connections it accepts have {@code TCP_NODELAY} and are non-blocking.
     *
     * @param address where to bind; port 0 picks a free port
     * @param backlog connections the kernel may queue before they are accepted
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the listening socket, owned by the caller
     * @throws java.net.BindException if the address cannot be bound, with the operating system's words
     * @throws IOException if the socket cannot be opened for another reason; nothing is left open then
     */
    Listener listen(InetSocketAddress address, int backlog, boolean reusePort) throws IOException;
}
