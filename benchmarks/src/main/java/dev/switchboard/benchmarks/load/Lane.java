package dev.switchboard.benchmarks.load;

import java.io.IOException;
import java.nio.channels.SelectionKey;

/**
 * One connection, or one UDP socket, of a load run. It is driven by the {@link ClientLoop} that
 * owns it, on that loop's thread only, so it needs no locks.
 */
interface Lane {

    /** Opens the lane's channel and registers it with {@code loop}'s selector. */
    void open(ClientLoop loop) throws IOException;

    /** Handles the readiness of the lane's key, the key's attachment being this lane. */
    void ready(SelectionKey key) throws IOException;

    /** @return the {@link System#nanoTime()} at which {@link #deadlineReached} is due, or {@link Long#MAX_VALUE} */
    default long deadline() {
        return Long.MAX_VALUE;
    }

    /** Called once {@link #deadline()} has passed. */
    default void deadlineReached(long now) throws IOException {}

    /** Closes the lane's channel, quietly. */
    void close();
}
