package dev.switchboard.api;

/**
 * Thrown when a service tries to write a reply larger than the transport can send (see
 * {@link Reply#maxBytes()}). The request gets no reply; the transport counts it.
 */
public final class ReplyTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long attemptedBytes;
    private final int maxBytes;

    /**
     * @param attemptedBytes the size the reply would have reached
     * @param maxBytes the largest reply allowed
     */
    public ReplyTooLargeException(long attemptedBytes, int maxBytes) {
        super("reply of " + attemptedBytes + " bytes exceeds the maximum of " + maxBytes + " bytes");
        this.attemptedBytes = attemptedBytes;
        this.maxBytes = maxBytes;
    }

    /** @return the size the reply would have reached */
    public long attemptedBytes() {
        return attemptedBytes;
    }

    /** @return the largest reply allowed */
    public int maxBytes() {
        return maxBytes;
    }
}
