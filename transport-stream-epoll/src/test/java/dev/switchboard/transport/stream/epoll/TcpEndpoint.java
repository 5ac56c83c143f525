package dev.switchboard.transport.stream.epoll;

import dev.switchboard.api.Framings;
import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.stream.StreamBinding;
import dev.switchboard.transport.stream.StreamSettings;
import dev.switchboard.transport.stream.StreamTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;

/** A started stream transport on a free port of 127.0.0.1, bound as the tcp transport binds, logging to a recorder. */
final class TcpEndpoint implements AutoCloseable {

    private static final String DEFAULTS = "threads = 1, log-interval = 1s\n";

    final StreamTransport transport;
    final RecordingLogger logger;

    private TcpEndpoint(StreamTransport transport, RecordingLogger logger) {
        this.transport = transport;
        this.logger = logger;
    }

    /**
     * @param hocon settings over the test defaults; may be empty
     * @param binding how it binds
     * @param service what answers
     */
    static TcpEndpoint start(String hocon, StreamBinding binding, MessageService service) {
        RecordingLogger logger = new RecordingLogger();
        TransportContext context = new TransportContext("epoll", "epoll-test",
                TestSettings.forTransport("epoll-test", DEFAULTS + hocon), logger, Framings.installed(),
                MemoryBudget.processDefault());
        StreamTransport transport = new StreamTransport(context, StreamSettings.from(context), binding);
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TcpEndpoint(transport, logger);
    }

    /** @return the INFO lines logged */
    List<String> infoLines() {
        return logger.lines().stream().filter(line -> line.level() == System.Logger.Level.INFO)
                .map(RecordingLogger.Line::message).toList();
    }

    SocketAddress address() {
        return transport.localAddress();
    }

    @Override
    public void close() {
        transport.stop(Duration.ofSeconds(1));
    }

    /** As the tcp transport binds: the accelerated path may bind it itself. */
    record Tcp(InetSocketAddress address) implements StreamBinding {

        /** @return a binding of a free port of 127.0.0.1 */
        static Tcp loopback() {
            return new Tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        @Override
        public ServerSocketChannel bind(int backlog) throws IOException {
            ServerSocketChannel channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            return channel.bind(address, backlog);
        }

        @Override
        public void configure(SocketChannel connection) throws IOException {
            connection.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }

        @Override
        public TcpListening tcp() {
            return new TcpListening(address, false);
        }
    }

    /** A binding only {@link StreamBinding#bind} can bind, as a Unix-domain transport's is. */
    record NioOnly(InetSocketAddress address) implements StreamBinding {

        @Override
        public ServerSocketChannel bind(int backlog) throws IOException {
            return ServerSocketChannel.open().bind(address, backlog);
        }
    }
}
