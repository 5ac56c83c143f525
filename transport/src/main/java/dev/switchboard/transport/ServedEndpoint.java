package dev.switchboard.transport;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.TransportContext;
import java.net.SocketAddress;

/**
 * A started endpoint as every one of its threads sees it, whatever the transport: its names, its
 * service and where it logs. {@link AbstractTransport#served} makes one on start.
 *
 * @param name the endpoint's name, for request contexts and messages
 * @param transport the transport's name as configured, for request contexts
 * @param service what answers the requests
 * @param logger where the endpoint logs
 * @param log the rate-limited view of {@code logger}, for refusals and failures
 * @param context the transport's context, which a dying serving thread reports to
 *     ({@link #serviceThreadDied})
 */
public record ServedEndpoint(String name, String transport, MessageService service, System.Logger logger,
        RateLimitedLog log, TransportContext context) {

    /**
     * On a serving thread (an event loop, an acceptor, a receive loop) that is about to end because
     * of a failure nothing contained: reports it through {@link TransportContext#serviceThreadDied},
     * whose launcher handler stops the process. Never throws: the thread may be out of memory.
     *
     * @param cause what killed the thread
     */
    public void serviceThreadDied(Throwable cause) {
        try {
            context.serviceThreadDied(cause);
        } catch (Throwable reportFailed) { // nothing more can be done on this thread
            cause.addSuppressed(reportFailed);
        }
    }

    /** @return what the endpoint's threads report connections, requests and refusals to */
    public EndpointObserver observer() {
        return context.observer();
    }

    /**
     * @param counters a shard written by the threads that will use the incidents
     * @return those threads' incidents: counted in {@code counters}, logged through {@link #log()},
     *     refusals reported to the endpoint's {@link #observer()}
     */
    public Incidents incidents(Counters.Shard counters) {
        return new Incidents(counters, log, context.observer());
    }

    /**
     * @param remote the peer
     * @param local the address the request arrived on
     * @return the context the service sees for requests between the two
     */
    public RequestContext requestContext(SocketAddress remote, SocketAddress local) {
        return new RequestContext(name, transport, remote, local);
    }
}
