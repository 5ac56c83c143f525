package dev.switchboard.transport.udp;

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

/** A started udp transport on a free port of 127.0.0.1, with one socket unless told otherwise. */
final class TestEndpoint implements AutoCloseable {

    private static final String DEFAULTS = "host = \"127.0.0.1\", port = 0, threads = 1, log-interval = 1s\n";

    final UdpTransport transport;

    private TestEndpoint(UdpTransport transport) {
        this.transport = transport;
    }

    /**
     * @param hocon settings over the test defaults, such as {@code "threads = 2"}; may be empty
     * @param service what answers
     */
    static TestEndpoint start(String hocon, MessageService service) {
        return start(context(hocon), service);
    }

    static TestEndpoint start(TransportContext context, MessageService service) {
        UdpTransport transport = create(context);
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestEndpoint(transport);
    }

    /** @return the context of endpoint {@code "test"}: these settings over the test defaults over reference.conf */
    static TransportContext context(String hocon) {
        return context("test", hocon);
    }

    /** @return the context of endpoint {@code name}, whose threads are named after it */
    static TransportContext context(String name, String hocon) {
        return new TransportContext(name, "udp", TestSettings.forTransport("udp", DEFAULTS + hocon),
                System.getLogger("switchboard.endpoint." + name));
    }

    static UdpTransport create(TransportContext context) {
        return (UdpTransport) new UdpTransportProvider().create(context);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) transport.localAddress();
    }

    TestClient client() {
        return TestClient.to(address());
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
}
