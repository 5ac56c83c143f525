package dev.switchboard.transport.stream;

import dev.switchboard.api.MemoryBudget;
import dev.switchboard.transport.ServedEndpoint;
import dev.switchboard.transport.WorkerPool;

/**
 * What the acceptor and the loops of one started stream endpoint share.
 *
 * @param served its names, service and logs
 * @param settings the endpoint's settings, its codec among them
 * @param binding how accepted connections are set up
 * @param workers where a blocking service runs, or null when the service runs on the loops
 * @param openConnections connections accepted and not yet closed, across all loops, in all and per source
 * @param budget the process's memory budget, which every loop's buffers are reserved from
 * @param admission what a new connection is admitted by for its source, counting into {@code openConnections}
 */
record Endpoint(
        ServedEndpoint served,
        StreamSettings settings,
        StreamBinding binding,
        WorkerPool workers,
        OpenConnections openConnections,
        MemoryBudget budget,
        SourceAdmission admission) {

    Endpoint(ServedEndpoint served, StreamSettings settings, StreamBinding binding, WorkerPool workers,
            OpenConnections openConnections, MemoryBudget budget) {
        this(served, settings, binding, workers, openConnections, budget,
                new SourceAdmission(settings.sourceLimits(), openConnections));
    }
}
