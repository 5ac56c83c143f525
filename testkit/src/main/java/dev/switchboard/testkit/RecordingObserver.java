package dev.switchboard.testkit;

import dev.switchboard.api.EndpointObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link EndpointObserver} that counts what it sees, for tests of a transport's observer calls or
 * of an exporter built on them. Safe to call from any number of threads; it allocates on a refusal
 * reason's first sighting only. Read it once the events have happened, with {@link Await} when they
 * happen on the transport's threads.
 */
public final class RecordingObserver implements EndpointObserver {

    private final LongAdder opened = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder served = new LongAdder();
    private final AtomicLong longestServiceNanos = new AtomicLong(-1);
    private final Map<String, LongAdder> refusals = new ConcurrentHashMap<>();

    @Override
    public void connectionOpened() {
        opened.increment();
    }

    @Override
    public void connectionClosed() {
        closed.increment();
    }

    @Override
    public void requestServed(long serviceNanos) {
        served.increment();
        longestServiceNanos.accumulateAndGet(serviceNanos, Math::max);
    }

    @Override
    public void refused(String reason) {
        refusals.computeIfAbsent(reason, key -> new LongAdder()).increment();
    }

    /** @return how many connections were reported opened */
    public long connectionsOpened() {
        return opened.sum();
    }

    /** @return how many connections were reported closed */
    public long connectionsClosed() {
        return closed.sum();
    }

    /** @return how many requests were reported served */
    public long requestsServed() {
        return served.sum();
    }

    /** @return the longest service time reported, in nanoseconds; -1 if none was */
    public long longestServiceNanos() {
        return longestServiceNanos.get();
    }

    /** @return the refusals reported, by reason, in reason order; a copy */
    public Map<String, Long> refusals() {
        Map<String, Long> copy = new TreeMap<>();
        refusals.forEach((reason, count) -> copy.put(reason, count.sum()));
        return copy;
    }

    @Override
    public String toString() {
        return "RecordingObserver[opened=" + connectionsOpened() + ", closed=" + connectionsClosed() + ", served="
                + requestsServed() + ", refusals=" + refusals() + "]";
    }
}
