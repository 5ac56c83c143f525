package dev.switchboard.api;

import java.util.Map;
import java.util.Objects;

/**
 * A snapshot of one transport's counters, all counted since it started.
 *
 * <p>Refusals are inputs the transport turned away on purpose to protect itself or others, keyed by
 * reason: for example {@code "max-connections"}, {@code "message-too-large"}, {@code "idle-timeout"},
 * {@code "worker-queue-full"}, {@code "reply-too-large"}, {@code "kernel-receive-buffer"}. Errors
 * are failures, keyed by kind: for example {@code "service"} (a service threw) or {@code "io"}.
 * Peers resetting their connection are neither: they are normal events.
 *
 * @param connectionsOpen connections open now (0 for connectionless transports)
 * @param connectionsAccepted connections accepted in all
 * @param requests requests received and handed to the service
 * @param replies replies sent
 * @param bytesIn bytes received from the network, framing included
 * @param bytesOut bytes sent to the network, framing included
 * @param refusals refusals by reason
 * @param errors errors by kind
 */
public record TransportStats(
        long connectionsOpen,
        long connectionsAccepted,
        long requests,
        long replies,
        long bytesIn,
        long bytesOut,
        Map<String, Long> refusals,
        Map<String, Long> errors) {

    /** All counters at zero. */
    public static final TransportStats EMPTY = new TransportStats(0, 0, 0, 0, 0, 0, Map.of(), Map.of());

    /** Copies the maps, which must not be null. */
    public TransportStats {
        refusals = Map.copyOf(Objects.requireNonNull(refusals, "refusals"));
        errors = Map.copyOf(Objects.requireNonNull(errors, "errors"));
    }

    /**
     * @param reason a refusal reason
     * @return how many times it happened; 0 if never
     */
    public long refused(String reason) {
        return refusals.getOrDefault(reason, 0L);
    }

    /**
     * @param kind an error kind
     * @return how many times it happened; 0 if never
     */
    public long failed(String kind) {
        return errors.getOrDefault(kind, 0L);
    }
}
