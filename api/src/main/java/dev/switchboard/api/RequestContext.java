package dev.switchboard.api;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * Where one request came from.
 *
 * <p>Over TCP one context serves every request of a connection, so a service may use it as a key
 * for per-connection state (and must then forget that state when it stops seeing the context).
 *
 * @param endpoint the name of the configured endpoint, such as {@code "tcp"}
 * @param transport the name of the transport serving it, such as {@code "tcp"} or {@code "udp"}
 * @param remoteAddress the peer: the UDP sender, or the TCP client
 * @param localAddress the address the request arrived on
 */
public record RequestContext(
        String endpoint, String transport, SocketAddress remoteAddress, SocketAddress localAddress) {

    /** Checks that no component is null. */
    public RequestContext {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(localAddress, "localAddress");
    }
}
