package dev.switchboard.transport.tcp;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Predicate;

/** A started tcp transport on a free loopback port, with two event loops unless told otherwise. */
final class TestServer implements AutoCloseable {

    final TcpTransport transport;

    private TestServer(TcpTransport transport) {
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
        String settings = "host = \"127.0.0.1\", port = 0, threads = 2, log-interval = 1s\n" + hocon;
        TransportContext context = TestSettings.transportContext("tcp", settings);
        if (logger != null) {
            context = new TransportContext(context.endpoint(), context.transport(), context.settings(), logger);
        }
        TcpTransport transport = (TcpTransport) new TcpTransportProvider().create(context);
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestServer(transport);
    }

    InetSocketAddress address() {
        return transport.localAddress();
    }

    TestClient connect() {
        return TestClient.connect(address());
    }

    TransportStats stats() {
        return transport.stats();
    }

    /** Waits until the counters satisfy {@code condition}, which they may reach a moment after a client sees its effect. */
    TransportStats awaitStats(Predicate<TransportStats> condition, String what) {
        Await.until(() -> condition.test(stats()), what + "; stats: " + stats());
        return stats();
    }

    @Override
    public void close() {
        transport.stop(Duration.ofSeconds(1));
    }
}
