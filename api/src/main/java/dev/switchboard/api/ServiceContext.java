package dev.switchboard.api;

import java.util.Objects;

/**
 * What a {@link MessageServiceProvider} is given to create one service instance for one endpoint.
 *
 * @param endpoint the name of the endpoint the service will serve
 * @param service the service's name as configured, such as {@code "uppercase"}
 * @param settings the service's settings: the endpoint's overrides over the module's
 *     {@code reference.conf} defaults under {@code switchboard.services.<name>}
 * @param logger where the service should log
 */
public record ServiceContext(String endpoint, String service, Settings settings, System.Logger logger) {

    /** Checks that no component is null. */
    public ServiceContext {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(logger, "logger");
    }
}
