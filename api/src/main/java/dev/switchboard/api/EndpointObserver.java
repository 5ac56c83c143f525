package dev.switchboard.api;

import java.util.List;

/**
 * Sees one endpoint's events as they happen, for an exporter of metrics or events (a Prometheus
 * histogram, OpenTelemetry, JFR events) to build on. The transport's counters
 * ({@link TransportStats}) stay the record of what happened; an observer adds what a snapshot of
 * counters cannot say, such as how long each request took.
 *
 * <p>Every method is called on the transport's serving threads, in the middle of serving: an
 * implementation must be fast, must not block, must not allocate if the path is to stay
 * allocation-free, and must be safe to call from several threads at once (an endpoint has several
 * event loops or receive loops). It must not throw: a transport does not catch what an observer
 * throws, and a serving thread that dies stops the process. The arguments are primitives and
 * constants, so that observing allocates nothing by itself.
 */
public interface EndpointObserver {

    /** Observes nothing: the observer of a {@link TransportContext} created without one. */
    EndpointObserver NONE = new EndpointObserver() {};

    /**
     * A connection was accepted and admitted. Called on the endpoint's acceptor thread; never by a
     * connectionless transport.
     */
    default void connectionOpened() {}

    /**
     * A connection that {@link #connectionOpened} reported ended, whatever ended it. Called on the
     * event loop that served it, or on the thread stopping the transport when the shutdown grace ran
     * out and the loop was given up on.
     */
    default void connectionClosed() {}

    /**
     * The service chain answered one request without throwing (with a reply or deliberately
     * without). Called on the thread that ran the service: an event loop, a receive loop, or a
     * worker of the blocking-service pool, right after the service returns and before the reply is
     * sent.
     *
     * @param serviceNanos how long the service chain took, in nanoseconds ({@link System#nanoTime()})
     */
    default void requestServed(long serviceNanos) {}

    /**
     * The transport turned something away on purpose: a connection, a datagram, a message, a
     * reply. Called on the thread that refused it (the acceptor, an event loop, a receive loop, a
     * worker, or the thread stopping the transport), once per refusal counted in
     * {@link TransportStats#refusals()}, but for refusals the transport learns of in bulk (datagrams
     * the kernel dropped are read as a count, and only counted).
     *
     * @param reason the key in {@link TransportStats#refusals()}, such as {@code "max-connections"};
     *     a constant, never null
     */
    default void refused(String reason) {}

    /**
     * @param observers the observers to call, in order; may be empty
     * @return one observer that calls each of {@code observers}; {@link #NONE} for none, the one
     *     itself for one
     */
    static EndpointObserver all(List<EndpointObserver> observers) {
        List<EndpointObserver> copy = List.copyOf(observers);
        if (copy.isEmpty()) {
            return NONE;
        }
        if (copy.size() == 1) {
            return copy.get(0);
        }
        return new ObserverFanout(copy.toArray(EndpointObserver[]::new));
    }
}
