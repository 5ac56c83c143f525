package dev.switchboard.admin;

import dev.switchboard.api.TransportStats;
import java.util.Objects;

/**
 * One endpoint as the admin endpoint sees it at one moment.
 *
 * @param name the endpoint's name, its key under {@code switchboard.endpoints}
 * @param transport its transport's name, such as {@code "tcp"}
 * @param state where it is in its life
 * @param stats its transport's counters, read now
 */
public record EndpointStatus(String name, String transport, EndpointState state, TransportStats stats) {

    /** Requires every component. */
    public EndpointStatus {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(stats, "stats");
    }
}
