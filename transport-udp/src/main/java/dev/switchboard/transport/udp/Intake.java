package dev.switchboard.transport.udp;

import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.Refusal;
import java.net.InetSocketAddress;

/**
 * Decides, for each datagram a loop receives, whether the service sees it: its size against
 * {@code max-message-bytes}, its sender against the {@link Admission}'s forbidden destinations and
 * the loop's {@link SenderCheck}; counts its bytes and each refusal, and logs it. One per loop, used
 * by its thread only. The request context is built only when the sender changes (the JDK, like the
 * batched path, returns the same address object for a repeated sender).
 */
final class Intake {

    private final Endpoint endpoint;
    private final InetSocketAddress localAddress;
    private final Admission admission;
    private final SenderCheck senders;
    private final Counters.Shard counters;
    private final Incidents incidents;
    private final int maxMessageBytes;

    private InetSocketAddress sender;
    private RequestContext context;

    /**
     * @param endpoint what the loop serves
     * @param localAddress the address of the loop's socket
     * @param counters the loop's shard
     * @param incidents where refusals are counted and logged
     */
    Intake(Endpoint endpoint, InetSocketAddress localAddress, Counters.Shard counters, Incidents incidents) {
        this.endpoint = endpoint;
        this.localAddress = localAddress;
        this.counters = counters;
        this.incidents = incidents;
        this.admission = endpoint.admission();
        this.maxMessageBytes = endpoint.settings().endpoint().maxMessageBytes();
        this.senders = new SenderCheck(endpoint.settings().sources(), endpoint.settings().sourceRate(),
                endpoint.sourceRates(), System::nanoTime);
    }

    /**
     * @param from the datagram's sender
     * @param length its true length
     * @return the context to answer it in, or null if it is refused (counted and logged)
     */
    RequestContext admit(InetSocketAddress from, int length) {
        counters.add(Counter.BYTES_IN, length);
        if (length > maxMessageBytes) {
            incidents.refused(Refusal.MESSAGE_TOO_LARGE, () -> "dropped a datagram of " + length + " bytes from "
                    + Addresses.format(from) + ": more than max-message-bytes (" + maxMessageBytes + ")");
            return null;
        }
        Refusal refusal = admission.checkSender(from);
        if (refusal != null) {
            incidents.refused(refusal, () -> "dropped a datagram from " + Addresses.format(from)
                    + ": replies never go to port 0 or to a broadcast, multicast or wildcard address");
            return null;
        }
        Refusal unwelcome = senders.check(from);
        if (unwelcome != null) {
            incidents.refused(unwelcome, () -> senders.explain(unwelcome, from));
            return null;
        }
        if (from != sender) {
            sender = from;
            context = endpoint.served().requestContext(from, localAddress);
        }
        return context;
    }
}
