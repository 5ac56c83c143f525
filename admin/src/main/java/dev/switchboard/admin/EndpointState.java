package dev.switchboard.admin;

import java.util.Locale;

/** Where one endpoint is in its life, as {@code /health/ready} reports it. */
public enum EndpointState {
    /** Created, not yet bound. */
    STARTING,
    /** Bound and answering. */
    SERVING,
    /** Stopping gracefully: no new requests are read, those received are answered. */
    DRAINING,
    /** Stopped. */
    STOPPED;

    /** @return the state as the JSON body names it, such as {@code "serving"} */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
