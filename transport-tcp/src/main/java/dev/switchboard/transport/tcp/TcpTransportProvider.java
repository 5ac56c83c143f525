package dev.switchboard.transport.tcp;

import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.stream.StreamSettings;
import dev.switchboard.transport.stream.StreamTransport;

/**
 * Provides the {@code tcp} transport: the socket exercise's TCP server (a welcoming socket and a
 * connection per client), a {@link StreamTransport} bound to an IP address, with any framing
 * ({@code raw}, {@code line}, {@code length-prefixed} or a plugin's) and every buffer, queue and
 * wait bounded. Its settings and their defaults are in this module's {@code reference.conf} under
 * {@code switchboard.transports.tcp}: {@code host}, {@code port} and {@code reuse-port}, the
 * PROXY protocol's, and the stream settings.
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
     * @param context the endpoint, its settings, the framings it may name and a logger
     * @return a new, unstarted transport
     * @throws dev.switchboard.api.SettingsException if a setting is invalid
     */
    @Override
    public Transport create(TransportContext context) {
        TcpBinding binding = new TcpBinding(Addresses.bindAddress(context.settings()),
                context.settings().bool("reuse-port"));
        StreamTransport transport = new StreamTransport(context, StreamSettings.from(context), binding);
        if (binding.reusePort()) {
            RequestMigration.warnIfOff(RequestMigration.SYSCTL, context.logger());
        }
        return transport;
    }

    /** Finds the accelerated path (epoll, on JDK 22 and later) and links its native calls. */
    @Override
    public void prepare() {
        StreamTransport.prepareIo();
    }
}
