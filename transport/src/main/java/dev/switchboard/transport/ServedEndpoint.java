package dev.switchboard.transport;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.RequestContext;
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
 */
public record ServedEndpoint(
        String name, String transport, MessageService service, System.Logger logger, RateLimitedLog log) {

    /**
     * @param remote the peer
     * @param local the address the request arrived on
     * @return the context the service sees for requests between the two
     */
    public RequestContext requestContext(SocketAddress remote, SocketAddress local) {
        return new RequestContext(name, transport, remote, local);
    }
}
