package dev.switchboard.soak;

import java.io.IOException;

/**
 * One kind of client's traffic, run by a {@link BoundedRunner} on a thread of its own: one bounded
 * step after another until the traffic's end, then closed.
 */
interface SoakClient {

    /** @return its counts, shared by the clients of one kind */
    Tally tally();

    /**
     * Does one round of work (a request and its reply, a burst of connections, a pass over its
     * connections) and waits for the next round's turn, returning by {@code deadline} give or take
     * a reply timeout. Expected failures of the server are counted here, not thrown.
     *
     * @param deadline in {@link System#nanoTime} terms: the end of the traffic
     * @throws IOException if the client itself fails (a bug of the soak, reported as such)
     */
    void step(long deadline) throws IOException, InterruptedException;

    /**
     * Closes every connection and socket it holds, from any thread: this also ends a step blocked
     * on a socket. Safe to call more than once.
     */
    void close();
}
