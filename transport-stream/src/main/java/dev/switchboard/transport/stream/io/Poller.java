package dev.switchboard.transport.stream.io;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * One event loop's readiness selection: the connections registered with it, the operations each is
 * interested in, and a wait that hands each ready one to a {@link ReadyHandler}. Used by the loop's
 * thread only, but for {@link #wakeUp()} and, once the loop is known to be stuck elsewhere,
 * {@link #forEach}.
 */
public interface Poller extends Closeable {

    /** Interest in, or readiness for, reading (the value of {@link java.nio.channels.SelectionKey#OP_READ}). */
    int READ = 1;
    /** Interest in, or readiness for, writing (the value of {@link java.nio.channels.SelectionKey#OP_WRITE}). */
    int WRITE = 4;

    /**
     * Registers a connection this poller's path accepted.
     *
     * @param socket the connection, not yet registered anywhere
     * @param interest {@link #READ} and/or {@link #WRITE}, or 0
     * @param attachment what {@link StreamSocket#attachment()} returns from now on
     * @throws IOException if the connection cannot be registered (its client left, say)
     */
    void register(StreamSocket socket, int interest, Object attachment) throws IOException;

    /**
     * Waits until a registered connection is ready for what it is interested in, the timeout
     * passes or {@link #wakeUp()} is called, and hands each ready connection to {@code handler}.
     * Allocates nothing.
     *
     * @param timeoutMillis how long to wait at most; 0 = until a connection is ready or {@link #wakeUp()}
     * @param handler told of each ready connection, on this thread
     * @throws IOException if the wait fails
     */
    void poll(long timeoutMillis, ReadyHandler handler) throws IOException;

    /** Makes the current or next {@link #poll} return at once. Safe from any thread. */
    void wakeUp();

    /**
     * Runs {@code action} on every registered connection not yet closed. From another thread only
     * while the loop's thread is stuck elsewhere (in a service, say).
     *
     * @param action what to run
     */
    void forEach(Consumer<StreamSocket> action);

    /** Closes the poller; the connections registered with it are the caller's to close. */
    @Override
    void close() throws IOException;

    /** What is told of a ready connection. */
    @FunctionalInterface
    interface ReadyHandler {

        /**
         * @param socket the connection
         * @param readyOps {@link #READ} and/or {@link #WRITE}, among those it is interested in; an
         *     error or hang-up is reported as ready for all of those
         */
        void ready(StreamSocket socket, int readyOps);
    }
}
