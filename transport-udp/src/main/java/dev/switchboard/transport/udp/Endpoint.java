package dev.switchboard.transport.udp;

import dev.switchboard.api.MessageService;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.SourceRates;

/**
 * What the loops and workers of one started endpoint share.
 *
 * @param name the endpoint's name, for request contexts
 * @param transport the transport's name as configured, for request contexts
 * @param settings the endpoint's settings
 * @param service what answers the datagrams
 * @param admission which datagrams may be answered and which replies may leave
 * @param sourceRates the sources' buckets, shared by the loops; null if there is no per-source rate
 * @param logger where the endpoint logs
 * @param log the rate-limited view of {@code logger}, for refusals and failures
 */
record Endpoint(
        String name,
        String transport,
        UdpSettings settings,
        MessageService service,
        Admission admission,
        SourceRates sourceRates,
        System.Logger logger,
        RateLimitedLog log) {}
