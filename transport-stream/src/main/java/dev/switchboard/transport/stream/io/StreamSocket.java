package dev.switchboard.transport.stream.io;

import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One accepted, non-blocking connection. Used by the thread of the loop whose {@link Poller} it is
 * registered with (the acceptor's thread before that), but for {@link #close()}.
 */
public interface StreamSocket extends Closeable {

    /**
     * Reads what the socket has, without waiting.
     *
     * @param into a buffer, filled from its position up to its limit; its position moves past the
     *     bytes read. The loop's own buffers are direct; a connection's own (a large partial
     *     request) are not
     * @return the bytes read, 0 if none were waiting, or -1 at end of stream
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     * @throws IOException if the read fails (its message says why, such as {@code "Connection reset by peer"})
     */
    int read(ByteBuffer into) throws IOException;

    /**
     * Writes as much as the socket takes, without waiting.
     *
     * @param from a buffer, direct or not, written from its position up to its limit; its position
     *     moves past the bytes written
     * @return the bytes written, perhaps 0
     * @throws IOException if the write fails (its message says why, such as {@code "Broken pipe"})
     */
    int write(ByteBuffer from) throws IOException;

    /** Shuts the output down: the client reads the end of the stream once what was written reaches it. */
    void shutdownOutput() throws IOException;

    /** @return the client's address, as accepted */
    SocketAddress remoteAddress() throws IOException;

    /** @return the local address the connection was accepted on */
    SocketAddress localAddress() throws IOException;

    /** @return the operations the poller watches for: {@link Poller#READ} and/or {@link Poller#WRITE}, or 0 */
    int interest();

    /**
     * @param ops what the poller is to watch for from now on
     * @throws IOException if the poller refuses
     */
    void interest(int ops) throws IOException;

    /** @return what {@link Poller#register} attached; null before */
    Object attachment();

    /**
     * Closes the connection and takes it out of its poller. Idempotent; on the loop's thread (or the
     * acceptor's, before the connection is registered).
     */
    @Override
    void close() throws IOException;

    /**
     * From another thread than the loop's, while that thread is stuck elsewhere (in a service, past
     * the grace period of a stop): ends the connection for its client at once, in both directions.
     * The socket stays allocated, so that no connection accepted later can be given its descriptor
     * while the loop's thread may still use it; {@link #close()} on the loop's thread, if it ever
     * returns, releases it.
     */
    void cut() throws IOException;
}
