package dev.switchboard.transport.stream;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import dev.switchboard.transport.SourceRates;
import java.net.SocketAddress;

/**
 * Which new connections the acceptor turns away for their peer: one the {@code allow} and
 * {@code deny} lists refuse, one from a source over its connection rate or cooling down, one from a
 * source with {@code max-connections-per-source} open. The acceptor asks for every connection but a
 * trusted balancer's, whose loop asks once the PROXY protocol header has named the client; deciding
 * and counting in are one step under this object's lock ({@link #open}, {@link #openBehindBalancer}),
 * so the per-source counts stay exact although two threads count in.
 */
final class SourceAdmission {

    private final SourceLimits limits;
    private final OpenConnections open;
    private final SourceRates rates;

    /**
     * @param limits the endpoint's per-source limits
     * @param open the endpoint's open connections, which the loops count out
     */
    SourceAdmission(SourceLimits limits, OpenConnections open) {
        this.limits = limits;
        this.open = open;
        this.rates = limits.connectionRate() == null ? null
                : new SourceRates(limits.connectionRate(), limits.coolDown(), limits.policy().maxTrackedSources());
    }

    /**
     * @param peer a new connection's peer
     * @return its source, or null for a peer that is not IP
     */
    SourceKey sourceOf(SocketAddress peer) {
        return limits.policy().sourceOf(peer);
    }

    /**
     * Decides on a new connection and counts one admitted in, with its source, in the endpoint's
     * {@link OpenConnections}.
     *
     * @param peer the new connection's peer
     * @param source its {@link #sourceOf source}
     * @param now the time now, in {@link System#nanoTime()} terms
     * @return null if admitted and counted in; else why not, as {@link #check} says
     */
    synchronized Refusal open(SocketAddress peer, SourceKey source, long now) {
        Refusal refusal = check(peer, source, now);
        if (refusal == null) {
            open.opened(source);
        }
        return refusal;
    }

    /**
     * Decides on the client a balancer's connection carries, once its PROXY protocol header named it;
     * the connection was counted in without a source when accepted, and one admitted is counted
     * against its client's source from now on.
     *
     * @param client the client's address, as the header gives it
     * @param source its {@link #sourceOf source}
     * @param now the time now, in {@link System#nanoTime()} terms
     * @return null if admitted; else why not, as {@link #check} says
     */
    synchronized Refusal openBehindBalancer(SocketAddress client, SourceKey source, long now) {
        Refusal refusal = check(client, source, now);
        if (refusal == null) {
            open.sourceKnown(source);
        }
        return refusal;
    }

    /**
     * Decides on a new connection; one admitted counts against its source's rate. Callers outside
     * tests hold this object's lock.
     *
     * @param peer the new connection's peer
     * @param source its {@link #sourceOf source}
     * @param now the time now, in {@link System#nanoTime()} terms
     * @return null to serve it; else why not: {@link Refusal#DENIED}, {@link Refusal#SOURCE_RATE} or
     *     {@link Refusal#SOURCE_CONNECTIONS}
     */
    Refusal check(SocketAddress peer, SourceKey source, long now) {
        if (!limits.policy().admits(peer)) {
            return Refusal.DENIED;
        }
        if (source == null) {
            return null;
        }
        if (rates != null && !rates.tryAcquire(source, now)) {
            return Refusal.SOURCE_RATE;
        }
        if (limits.maxConnections() > 0 && open.of(source) >= limits.maxConnections()) {
            return Refusal.SOURCE_CONNECTIONS;
        }
        return null;
    }

    /**
     * @param refusal what {@link #check} said
     * @param peer the connection's peer
     * @return the log line
     */
    String explain(Refusal refusal, SocketAddress peer) {
        String closed = "closed a new connection from " + Addresses.format(peer) + " at once: ";
        return closed + switch (refusal) {
            case DENIED -> "the allow and deny lists refuse it";
            case SOURCE_RATE -> "its source opened more than " + limits.connectionRate().ratePerSecond()
                    + " a second (max-connection-rate-per-source) and is refused for "
                    + limits.coolDown().toMillis() + " ms (connection-rate-cooldown)";
            default -> "its source has " + limits.maxConnections() + " open (max-connections-per-source)";
        };
    }
}
