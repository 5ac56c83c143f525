package dev.switchboard.transport;

/** Kinds of failure a transport counts; a peer's reset is not one of them. */
public enum Failure {
    /** A message service threw. */
    SERVICE("service"),
    /** An unexpected I/O error on a socket. */
    IO("io"),
    /** An I/O thread stayed in one service call longer than {@code blocked-thread-warning}. */
    BLOCKED_THREAD("blocked-thread");

    private final String kind;

    Failure(String kind) {
        this.kind = kind;
    }

    /** @return the key in {@link dev.switchboard.api.TransportStats#errors()} */
    public String kind() {
        return kind;
    }
}
