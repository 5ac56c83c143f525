package dev.switchboard.transport.tcp;

import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;

/**
 * Provides the {@code tcp} transport: the socket exercise's TCP server (a welcoming socket and a
 * connection per client) with {@code raw}, {@code line} or {@code length-prefixed} framing,
 * served by a few selector event loops, with every buffer, queue and wait bounded. Its settings
 * and their defaults are in this module's {@code reference.conf} under
 * {@code switchboard.transports.tcp}.
 */
public final class TcpTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public TcpTransportProvider() {}

    /** @return {@code "tcp"} */
    @Override
    public String name() {
        return "tcp";
    }

    /**
     * Validates every setting and creates the endpoint's transport, unbound.
     *
     * @param context the endpoint, its settings and a logger
     * @return a new, unstarted transport
     * @throws dev.switchboard.api.SettingsException if a setting is invalid
     */
    @Override
    public Transport create(TransportContext context) {
        return new TcpTransport(context, TcpSettings.from(context.settings()));
    }
}
