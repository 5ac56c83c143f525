package dev.switchboard.transport.stream;

import dev.switchboard.transport.SourceKey;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections of one endpoint accepted and not yet closed: in all, and per source. The acceptor
 * counts each connection in ({@link #opened}); the thread that ends it, its loop or a stop that gives
 * up on the loop, counts it out ({@link #closed}) once, with the same source. A source is in the
 * table only while it has a connection open, so the table never holds more sources than there are
 * open connections ({@code max-connections}). Safe from any thread; only the acceptor counts
 * connections in, so what it reads of the total before counting one in is a bound that nothing raises
 * meanwhile. A trusted balancer's connection is counted in without a source and given its client's
 * later, by its loop ({@link #sourceKnown}); {@link SourceAdmission} serialises what is counted per source.
 */
final class OpenConnections {

    private final AtomicInteger total = new AtomicInteger();
    private final ConcurrentHashMap<SourceKey, Integer> bySource = new ConcurrentHashMap<>();

    /** @return the connections open */
    int total() {
        return total.get();
    }

    /**
     * @param source a source
     * @return the connections it has open
     */
    int of(SourceKey source) {
        return bySource.getOrDefault(source, 0);
    }

    /** @return how many sources have a connection open */
    int sources() {
        return bySource.size();
    }

    /** @param source the new connection's source, or null for a peer that is not IP */
    void opened(SourceKey source) {
        if (source != null) {
            bySource.merge(source, 1, Integer::sum);
        }
        total.incrementAndGet();
    }

    /**
     * A connection {@link #opened} without a source now has one: a balancer's, whose PROXY protocol
     * header named its client.
     *
     * @param source the client's source, or null for none (nothing changes)
     */
    void sourceKnown(SourceKey source) {
        if (source != null) {
            bySource.merge(source, 1, Integer::sum);
        }
    }

    /** @param source the source the connection was {@link #opened} with, or given since */
    void closed(SourceKey source) {
        if (source != null) {
            bySource.computeIfPresent(source, (key, open) -> open == 1 ? null : open - 1);
        }
        total.decrementAndGet();
    }
}
