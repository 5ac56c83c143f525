package dev.switchboard.transport;

/** Why a transport turned something away; each is counted and logged at most once per interval. */
public enum Refusal {
    /** A connection beyond {@code max-connections} was accepted and closed at once. */
    MAX_CONNECTIONS("max-connections"),
    /** A peer outside the endpoint's {@code allow} blocks, or in a {@code deny} block. */
    DENIED("denied"),
    /** A connection from a source that already had {@code max-connections-per-source} open. */
    SOURCE_CONNECTIONS("source-connections"),
    /** A source over its rate: of new connections (and cooling down), or of datagrams. */
    SOURCE_RATE("source-rate"),
    /** A message (a line, a frame, a datagram) exceeded {@code max-message-bytes}. */
    MESSAGE_TOO_LARGE("message-too-large"),
    /** A length prefix or other framing was impossible to honour. */
    MALFORMED_FRAME("malformed-frame"),
    /** A connection saw no traffic for {@code idle-timeout}. */
    IDLE_TIMEOUT("idle-timeout"),
    /** A partly received message did not complete within {@code frame-timeout}. */
    FRAME_TIMEOUT("frame-timeout"),
    /** A connection's unsent replies saw no byte of theirs written for {@code write-timeout}. */
    WRITE_TIMEOUT("write-timeout"),
    /** A blocking service's worker queue was full. */
    WORKER_QUEUE_FULL("worker-queue-full"),
    /** A service wrote more than the transport can send in one reply. */
    REPLY_TOO_LARGE("reply-too-large"),
    /** A UDP reply would have been larger than the allowed multiple of its request. */
    REPLY_AMPLIFICATION("reply-amplification"),
    /** A UDP reply would have gone to port 0, a broadcast or a multicast address. */
    FORBIDDEN_DESTINATION("forbidden-destination"),
    /** The socket's send buffer was full, so a UDP reply was dropped. */
    SEND_BUFFER_FULL("send-buffer-full"),
    /** The kernel dropped datagrams because the socket's receive buffer was full. */
    KERNEL_RECEIVE_BUFFER("kernel-receive-buffer"),
    /** Work still pending when the shutdown grace period ran out. */
    SHUTDOWN_TIMEOUT("shutdown-timeout"),
    /** Holding more for a client would have passed the process's {@code memory-budget}. */
    MEMORY_BUDGET("memory-budget"),
    /**
     * A connection's PROXY protocol header was missing, truncated, malformed or too long, or came
     * from a peer that {@code proxy-protocol-trusted} does not list.
     */
    PROXY_PROTOCOL("proxy-protocol");

    private final String reason;

    Refusal(String reason) {
        this.reason = reason;
    }

    /** @return the key in {@link dev.switchboard.api.TransportStats#refusals()} */
    public String reason() {
        return reason;
    }
}
