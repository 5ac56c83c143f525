package dev.switchboard.transport.stream;

import dev.switchboard.api.MessageService;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.WorkerPool;

/**
 * What the acceptor and the loops of one started endpoint share.
 *
 * @param name the endpoint's name, for request contexts
 * @param transport the transport's name as configured, for request contexts
 * @param settings the endpoint's settings, its codec among them
 * @param binding how accepted connections are set up
 * @param service what answers the requests
 * @param workers where a blocking service runs, or null when the service runs on the loops
 * @param logger where the endpoint logs
 * @param log the rate-limited view of {@code logger}, for refusals and failures
 * @param openConnections connections accepted and not yet closed, across all loops, in all and per source
 */
record Endpoint(
        String name,
        String transport,
        StreamSettings settings,
        StreamBinding binding,
        MessageService service,
        WorkerPool workers,
        System.Logger logger,
        RateLimitedLog log,
        OpenConnections openConnections) {}
