package dev.switchboard.transport.udp;

import dev.switchboard.transport.ServedEndpoint;
import dev.switchboard.transport.SourceRates;

/**
 * What the loops and workers of one started udp endpoint share.
 *
 * @param served its names, service and logs
 * @param settings the endpoint's settings
 * @param admission which datagrams may be answered and which replies may leave
 * @param sourceRates the sources' buckets, shared by the loops; null if there is no per-source rate
 */
record Endpoint(ServedEndpoint served, UdpSettings settings, Admission admission, SourceRates sourceRates) {}
