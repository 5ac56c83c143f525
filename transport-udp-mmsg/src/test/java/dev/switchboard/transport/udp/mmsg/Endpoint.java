package dev.switchboard.transport.udp.mmsg;

import dev.switchboard.api.Framings;
import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.udp.UdpTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Predicate;

/** A started udp transport on a free port of 127.0.0.1 (unless told otherwise), one socket, logging to a recorder. */
final class Endpoint implements AutoCloseable {

    private static final String DEFAULTS = "host = \"127.0.0.1\", port = 0, threads = 1, log-interval = 1s\n";

    final Transport transport;
    final RecordingLogger logger;

    private Endpoint(Transport transport, RecordingLogger logger) {
        this.transport = transport;
        this.logger = logger;
    }

    /**
     * @param hocon settings over the test defaults; may be empty
     * @param service what answers
     */
    static Endpoint start(String hocon, MessageService service) {
        return start(hocon, service, MemoryBudget.processDefault());
    }

    /**
     * @param hocon settings over the test defaults; may be empty
     * @param service what answers
     * @param budget what the transport reserves its buffers from
     */
    static Endpoint start(String hocon, MessageService service, MemoryBudget budget) {
        Endpoint endpoint = create(hocon, budget);
        try {
            endpoint.transport.start(service);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return endpoint;
    }

    /** @return the endpoint, not started */
    static Endpoint create(String hocon, MemoryBudget budget) {
        RecordingLogger logger = new RecordingLogger();
        TransportContext context = new TransportContext("batched", "udp", TestSettings.forTransport("udp", DEFAULTS + hocon),
                logger, Framings.installed(), budget);
        return new Endpoint(new UdpTransportProvider().create(context), logger);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) transport.localAddress();
    }

    TransportStats awaitStats(Predicate<TransportStats> condition, String what) {
        return Await.stats(transport, condition, what);
    }

    @Override
    public void close() {
        transport.stop(Duration.ofSeconds(1));
    }
}
