package dev.switchboard.transport.stream.io;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;

/**
 * A bound, listening socket, served by one acceptor thread; {@link #wakeUp()} and {@link #close()}
 * are safe from any thread.
 */
public interface Listener extends Closeable {

    /**
     * Takes a connection the kernel has queued, without waiting.
     *
     * @return the connection, non-blocking and not yet set up ({@link #configure}); null if none is queued
     * @throws java.nio.channels.ClosedChannelException once the listener is closed
     * @throws IOException if accepting fails for another reason (out of file descriptors, say)
     */
    StreamSocket accept() throws IOException;

    /**
     * Sets up an accepted connection before it is served (the binding's socket options).
     *
     * @param connection one this listener accepted
     * @throws IOException if the connection is already unusable
     */
    void configure(StreamSocket connection) throws IOException;

    /**
     * Waits until a connection may be queued, the listener is closed or {@link #wakeUp()} is called.
     *
     * @throws IOException if the wait fails
     */
    void await() throws IOException;

    /** Makes the current or next {@link #await()} return at once. */
    void wakeUp();

    /** @return the address it is bound to */
    SocketAddress localAddress() throws IOException;

    /**
     * Closes the listening socket; connections queued and not accepted are reset. A thread in
     * {@link #await()} returns, and its next {@link #accept()} throws. Idempotent.
     */
    @Override
    void close() throws IOException;
}
