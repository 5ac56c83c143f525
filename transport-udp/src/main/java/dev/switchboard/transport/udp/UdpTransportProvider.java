package dev.switchboard.transport.udp;

import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;

/**
 * Provides the {@code udp} transport: the socket exercise's UDP server (one datagram is one request,
 * the reply goes to its sender) with whole datagrams up to the protocol maximum, one socket and
 * thread per loop sharing the port, and reflection-safe replies. Its settings and their defaults
 * are in this module's {@code reference.conf} under {@code switchboard.transports.udp}.
 */
public final class UdpTransportProvider implements TransportProvider {

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public UdpTransportProvider() {}

    /** @return {@code "udp"} */
    @Override
    public String name() {
        return "udp";
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
        return new UdpTransport(context, UdpSettings.from(context.settings()));
    }

    /** Finds the batched path ({@code recvmmsg}, on JDK 22 and later) and links its native calls. */
    @Override
    public void prepare() {
        IoPath.prepare();
    }
}
