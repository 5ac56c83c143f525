package dev.switchboard.soak;

import java.util.concurrent.atomic.LongAdder;

/**
 * What one kind of client did and saw, counted from its threads and read by the report. For a
 * hostile kind a request is a frame (or a probe) sent and a refusal a connection the server closed
 * on us or would not accept (soak/README.md).
 */
final class Tally {

    private final String kind;
    private final String endpoints;
    private final boolean wellBehaved;
    final LongAdder connections = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder replies = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder refusals = new LongAdder();
    /** UDP only: requests not answered within the timeout. */
    final LongAdder lost = new LongAdder();
    /** UDP only: replies that came after their request was counted lost. */
    final LongAdder late = new LongAdder();

    /**
     * @param kind such as {@code "slowloris"}
     * @param endpoints which endpoints it talks to, for the report
     * @param wellBehaved whether it is a client the server must serve
     */
    Tally(String kind, String endpoints, boolean wellBehaved) {
        this.kind = kind;
        this.endpoints = endpoints;
        this.wellBehaved = wellBehaved;
    }

    String kind() {
        return kind;
    }

    String endpoints() {
        return endpoints;
    }

    boolean wellBehaved() {
        return wellBehaved;
    }

    /** @return the counts as they are now */
    Counts counts() {
        return new Counts(kind, endpoints, wellBehaved, connections.sum(), requests.sum(), replies.sum(),
                failures.sum(), refusals.sum(), lost.sum(), late.sum());
    }

    /** One kind of client's counts at one moment. */
    record Counts(String kind, String endpoints, boolean wellBehaved, long connections, long requests,
            long replies, long failures, long refusals, long lost, long late) {}
}
