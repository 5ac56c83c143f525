package dev.switchboard.transport.udp;

import dev.switchboard.transport.ServedEndpoint;

/**
 * What the loops and workers of one started udp endpoint share.
 *
 * @param served its names, service and logs
 * @param settings the endpoint's settings
 * @param admission which datagrams may be answered and which replies may leave
 */
record Endpoint(ServedEndpoint served, UdpSettings settings, Admission admission) {}
