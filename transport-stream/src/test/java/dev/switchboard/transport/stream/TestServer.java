package dev.switchboard.transport.stream;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.FatalFailureHandler;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * A started stream transport with two loops unless told otherwise, on a free loopback TCP port or on
 * another {@link StreamBinding}.
 */
final class TestServer implements AutoCloseable {

    final StreamTransport transport;

    private TestServer(StreamTransport transport) {
        this.transport = transport;
    }

    /**
     * @param hocon settings over the defaults, such as {@code "framing = line"}; may be empty
     * @param service what answers
     */
    static TestServer start(String hocon, MessageService service) {
        return start(hocon, service, null);
    }

    /**
     * @param hocon settings over the defaults, such as {@code "framing = line"}; may be empty
     * @param service what answers
     * @param logger where the transport logs, or null for the test kit's logger
     */
    static TestServer start(String hocon, MessageService service, System.Logger logger) {
        return start(new Loopback(), hocon, service, logger);
    }

    /**
     * @param binding where to listen
     * @param hocon settings over the defaults, such as {@code "framing = line"}; may be empty
     * @param service what answers
     * @param logger where the transport logs, or null for the test kit's logger
     */
    static TestServer start(StreamBinding binding, String hocon, MessageService service, System.Logger logger) {
        StreamTransport transport = create(binding, context(hocon, logger));
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestServer(transport);
    }

    /**
     * @param hocon settings over the defaults, such as {@code "framing = line"}; may be empty
     * @param service what answers
     * @param observer what the transport reports its events to
     */
    static TestServer observed(String hocon, MessageService service, EndpointObserver observer) {
        TransportContext context = context(hocon, null);
        StreamTransport transport = create(new TransportContext(context.endpoint(), context.transport(),
                context.settings(), context.logger(), context.framings(), FatalFailureHandler.logging(context.logger()),
                context.memoryBudget(), observer));
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestServer(transport);
    }

    /** @return an unstarted transport on a free loopback port */
    static StreamTransport create(TransportContext context) {
        return create(new Loopback(), context);
    }

    private static StreamTransport create(StreamBinding binding, TransportContext context) {
        return new StreamTransport(context, StreamSettings.from(context), binding);
    }

    /**
     * @param hocon settings over the defaults; may be empty
     * @param logger where the transport logs, or null for the test kit's logger
     * @return the context of endpoint {@code test}
     */
    static TransportContext context(String hocon, System.Logger logger) {
        TransportContext context = TestSettings.transportContext("stream", "threads = 2, log-interval = 1s\n" + hocon);
        return logger == null ? context
                : new TransportContext(context.endpoint(), context.transport(), context.settings(), logger);
    }

    SocketAddress address() {
        return transport.localAddress();
    }

    StreamClient connect() {
        return StreamClient.connect(address());
    }

    TransportStats stats() {
        return transport.stats();
    }

    TransportStats awaitStats(Predicate<TransportStats> condition, String what) {
        return Await.stats(transport, condition, what);
    }

    @Override
    public void close() {
        transport.stop(Duration.ofSeconds(1));
    }

    /** A free TCP port on the IPv4 loopback address. */
    static class Loopback implements StreamBinding {
        @Override
        public SocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        }

        @Override
        public ServerSocketChannel bind(int backlog) throws IOException {
            return ServerSocketChannel.open(StandardProtocolFamily.INET).bind(address(), backlog);
        }

        /** A TCP binding: where the accelerated path is on the module path, it binds and serves these tests. */
        @Override
        public TcpListening tcp() {
            return new TcpListening((InetSocketAddress) address(), false);
        }
    }
}
