package dev.switchboard.soak;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What went wrong, by kind of client, in the order seen: a wrong or missing reply, a well-behaved
 * connection closed, a hostile frame not refused, a client of the soak that broke. Only the first
 * {@value #KEPT_PER_KIND} messages of each kind are kept: a dead server makes every request fail
 * alike. Safe from any thread.
 */
final class Findings {

    static final int KEPT_PER_KIND = 5;

    private final Map<String, List<String>> firstByKind = new LinkedHashMap<>();

    /**
     * @param tally the kind of client that saw it, whose failure count this increments
     * @param message what went wrong, naming the client and what it expected
     */
    void failure(Tally tally, String message) {
        tally.failures.increment();
        synchronized (firstByKind) {
            List<String> first = firstByKind.computeIfAbsent(tally.kind(), kind -> new ArrayList<>());
            if (first.size() < KEPT_PER_KIND) {
                first.add(message);
            }
        }
    }

    /** @return the first messages of each kind that failed, kinds in the order they first failed */
    Map<String, List<String>> firstByKind() {
        synchronized (firstByKind) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            firstByKind.forEach((kind, messages) -> copy.put(kind, List.copyOf(messages)));
            return copy;
        }
    }
}
