package dev.switchboard.transport;

/** The plain counters every transport keeps; see {@link dev.switchboard.api.TransportStats}. */
public enum Counter {
    CONNECTIONS_ACCEPTED,
    CONNECTIONS_CLOSED,
    REQUESTS,
    REPLIES,
    BYTES_IN,
    BYTES_OUT
}
