package dev.switchboard.api;

import java.util.Objects;

/**
 * What a {@link TransportProvider} is given to create the transport of one endpoint.
 *
 * @param endpoint the endpoint's name, such as {@code "tcp"}; appears in logs and in every
 *     {@link RequestContext}
 * @param transport the transport's name as configured, such as {@code "tcp"}
 * @param settings the endpoint's settings over the transport module's {@code reference.conf}
 *     defaults under {@code switchboard.transports.<name>}
 * @param logger where the transport should log
 */
public record TransportContext(String endpoint, String transport, Settings settings, System.Logger logger) {

    /** Checks that no component is null. */
    public TransportContext {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(logger, "logger");
    }
}
