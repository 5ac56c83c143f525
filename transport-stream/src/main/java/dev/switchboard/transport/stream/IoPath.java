package dev.switchboard.transport.stream;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.NativePath;
import dev.switchboard.transport.stream.io.Listener;
import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamIoProvider;
import java.io.IOException;
import java.net.BindException;
import java.util.ServiceLoader;

/**
 * How an endpoint listens, accepts, waits for and moves bytes, and why: through the module
 * {@code dev.switchboard.transport.stream.epoll} (epoll and the socket calls through the Foreign
 * Function & Memory API, where the runtime allows and the binding is a TCP one) or through
 * {@code java.nio}. Said in one INFO line at each start.
 *
 * @param accelerated the provider of the accelerated path, or null for {@code java.nio}
 * @param why the INFO line: the path and the reason for it
 */
record IoPath(StreamIoProvider accelerated, String why) {

    /** The module of the accelerated path; compiled for JDK 22 and later, so absent before. */
    static final String ACCELERATED_MODULE = "dev.switchboard.transport.stream.epoll";

    /** Looked for once: the providers on the module path do not change while the process runs. */
    private static final class Found {
        static final IoPath ACCELERATED = find();
    }

    /**
     * @param settings the endpoint's settings ({@code io})
     * @param binding how it binds: only a TCP binding ({@link StreamBinding#tcp()}) may take the accelerated path
     * @return the path its acceptor and loops take
     */
    static IoPath choose(StreamSettings settings, StreamBinding binding) {
        if (settings.nioOnly()) {
            return nio("io = nio");
        }
        if (binding.tcp() == null) {
            return nio("the accelerated path serves TCP over IP only");
        }
        return Found.ACCELERATED;
    }

    /**
     * Opens and binds the endpoint's listening socket.
     *
     * @param binding the endpoint's binding
     * @param backlog connections the kernel may queue
     * @return the listening socket, owned by the caller
     * @throws BindException naming the address, if it cannot be bound
     * @throws IOException if it cannot be opened for another reason
     */
    Listener listen(StreamBinding binding, int backlog) throws IOException {
        if (accelerated == null) {
            return new NioListener(binding.bind(backlog), binding);
        }
        StreamBinding.TcpListening tcp = binding.tcp();
        try {
            return accelerated.listen(tcp.address(), backlog, tcp.reusePort());
        } catch (BindException e) {
            throw Addresses.bindFailure(tcp.address(), e);
        }
    }

    /** @return a poller for one event loop, owned by the caller */
    Poller openPoller() throws IOException {
        return accelerated == null ? NioPoller.open() : accelerated.openPoller();
    }

    /** Looks for the accelerated path now, on the calling thread, if no thread has yet. */
    static void prepare() {
        IoPath ignored = Found.ACCELERATED;
    }

    private static IoPath find() {
        NativePath<StreamIoProvider> found = NativePath.of(
                ServiceLoader.load(StreamIoProvider.class, IoPath.class.getClassLoader()).findFirst(),
                ACCELERATED_MODULE, StreamIoProvider::unavailableReason);
        return found.provider() == null ? nio(found.unavailableReason())
                : new IoPath(found.provider(), "connections through " + found.provider().description()
                        + " and the Foreign Function & Memory API (" + ACCELERATED_MODULE + ")");
    }

    /** @return the {@code java.nio} path, the one every binding can take */
    static IoPath nio(String reason) {
        return new IoPath(null, "connections through java.nio: " + reason);
    }
}
