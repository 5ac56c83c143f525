package dev.switchboard.transport.udp;

import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.SourceKey;
import dev.switchboard.transport.SourcePolicy;
import dev.switchboard.transport.SourceRates;
import dev.switchboard.transport.TokenBucket;
import java.net.InetSocketAddress;
import java.util.function.LongSupplier;

/**
 * Whether a datagram's sender is served: the {@code allow} and {@code deny} lists, then its source's
 * rate ({@code rate-per-source}, {@code burst-per-source}). One per receive loop, used by its thread
 * only; the rates are the endpoint's, shared by its loops, since {@code SO_REUSEPORT} spreads one
 * source's flows over the sockets. Nothing is allocated for a datagram from the sender of the one
 * before it, which the JDK returns as the same address object: the lists' verdict and the source are
 * kept for that sender. A datagram from another sender costs a copy of its address bytes and a
 * {@link SourceKey}, next to the address objects the JDK has just made for it.
 */
final class SenderCheck {

    private final SourcePolicy policy;
    private final TokenBucket rate;
    private final SourceRates rates;
    private final LongSupplier nanoClock;

    private InetSocketAddress sender;
    private boolean denied;
    private SourceKey source;

    /**
     * @param policy who is served and what a source is
     * @param rate each source's rate, or null for none
     * @param rates the endpoint's table of sources' buckets, or null for no rate
     * @param nanoClock the time, in {@link System#nanoTime()} terms
     */
    SenderCheck(SourcePolicy policy, TokenBucket rate, SourceRates rates, LongSupplier nanoClock) {
        this.policy = policy;
        this.rate = rate;
        this.rates = rates;
        this.nanoClock = nanoClock;
    }

    /**
     * Decides on one datagram; one admitted counts against its source's rate.
     *
     * @param from the datagram's sender
     * @return null to answer it; else why not: {@link Refusal#DENIED} or {@link Refusal#SOURCE_RATE}
     */
    Refusal check(InetSocketAddress from) {
        if (from != sender) {
            sender = from;
            denied = !policy.admits(from);
            source = rates == null ? null : policy.sourceOf(from);
        }
        if (denied) {
            return Refusal.DENIED;
        }
        if (rates != null && !rates.tryAcquire(source, nanoClock.getAsLong())) {
            return Refusal.SOURCE_RATE;
        }
        return null;
    }

    /**
     * @param refusal what {@link #check} said
     * @param from the datagram's sender
     * @return the log line
     */
    String explain(Refusal refusal, InetSocketAddress from) {
        return "dropped a datagram from " + Addresses.format(from) + ": " + (refusal == Refusal.DENIED
                ? "the allow and deny lists refuse it"
                : "its source sent more than " + rate.ratePerSecond() + " a second in bursts of "
                        + rate.burst() + " (rate-per-source, burst-per-source)");
    }
}
