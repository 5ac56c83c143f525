package dev.switchboard.transport.unix;

import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.transport.stream.StreamSettings;
import dev.switchboard.transport.stream.StreamTransport;

/**
 * Provides the {@code unix} transport: a {@link StreamTransport} listening on a Unix-domain socket
 * file, with any framing and every stream limit, for clients on the same host ({@code socat -
 * UNIX-CONNECT:/run/switchboard/upper.sock}). Its settings and their defaults are in this module's
 * {@code reference.conf} under {@code switchboard.transports.unix}: {@code path} and {@code mode},
 * and the stream settings.
 */
public final class UnixTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UnixTransportProvider() {}

    /** @return {@code "unix"} */
    @Override
    public String name() {
        return "unix";
    }

    /**
     * Validates every setting and creates the endpoint's transport, unbound: nothing is created on
     * disk until it starts.
     *
     * @param context the endpoint, its settings, the framings it may name and a logger
     * @return a new, unstarted transport
     * @throws dev.switchboard.api.SettingsException if a setting is invalid, such as a relative or
     *     too long {@code path}
     */
    @Override
    public Transport create(TransportContext context) {
        UnixBinding binding = new UnixBinding(SocketFileSettings.from(context.settings()), context.logger());
        return new StreamTransport(context, StreamSettings.from(context), binding);
    }
}
