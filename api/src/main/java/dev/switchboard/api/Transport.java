package dev.switchboard.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * One endpoint's way of receiving requests and sending replies, such as a UDP socket or a TCP
 * listening socket with its connections.
 *
 * <p>Life cycle: created unstarted by its {@link TransportProvider}; {@link #start} binds and
 * begins serving; {@link #stop} ends it. A transport is started at most once. {@link #stats()} and
 * {@link #localAddress()} may be called from any thread at any time.
 */
public interface Transport extends AutoCloseable {

    /**
     * Binds the endpoint and starts handing every request to {@code service}. Returns once the
     * endpoint is bound and serving; the work happens on the transport's own threads.
     *
     * @param service the service (often a {@linkplain MessageService#chain chain}) that answers
     * @throws IOException if the endpoint cannot be bound, such as a
     *     {@link java.net.BindException} when the port is in use; nothing is left open then
     * @throws IllegalStateException if already started
     */
    void start(MessageService service) throws IOException;

    /**
     * Makes every request from now on go to {@code service} instead of the service the transport was
     * started with (or last switched to), without closing the listening socket, the open connections
     * or the requests in flight: a request that the previous service has begun ends there, every later
     * one goes to the new. Returns once no thread of the transport is in the previous service any
     * more; the caller owns it again then, and closes it. Called from any thread, one switch at a time.
     *
     * <p>Transports that cannot switch keep this default, which throws
     * {@link UnsupportedOperationException}: the launcher then keeps the endpoint's services until a
     * restart, and says so.
     *
     * @param service the new service; whether it {@linkplain MessageService#isBlocking() blocks} must
     *     match the service the transport was started with
     * @throws UnsupportedOperationException if the transport cannot switch services
     * @throws IllegalArgumentException if {@code service} blocks and the current one does not, or the
     *     other way round; nothing changes then
     * @throws IllegalStateException if the transport is not serving, or a thread stayed in the previous
     *     service too long for it to be handed back (the new one serves all the same)
     */
    default void switchService(MessageService service) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot switch its service while serving");
    }

    /**
     * The address the endpoint is bound to: for an IP transport an {@link InetSocketAddress} with
     * the actual port when port 0 was configured; for another family its own kind of address, such
     * as a {@link java.net.UnixDomainSocketAddress}.
     *
     * @return the bound address, or {@code null} before {@link #start}
     */
    SocketAddress localAddress();

    /**
     * Stops gracefully and waits until stopped: stops accepting new connections and reading new
     * requests, answers the requests already received and writes their replies, then closes. What
     * is not done within {@code grace} is closed by force. Calling it again, or on an unstarted
     * transport, does nothing.
     *
     * @param grace how long in-flight work may take to finish
     */
    void stop(Duration grace);

    /** Stops at once, dropping in-flight work: {@code stop(Duration.ZERO)}. */
    @Override
    default void close() {
        stop(Duration.ZERO);
    }

    /**
     * A snapshot of the transport's counters since it started.
     *
     * @return the counters; all zero before {@link #start}
     */
    TransportStats stats();

    /**
     * A short description for the launcher's log, after the endpoint's name: the bound address and
     * the settings that matter most, such as {@code "0.0.0.0:12000 raw"}.
     *
     * @return one line of text
     */
    default String description() {
        SocketAddress address = localAddress();
        if (address instanceof InetSocketAddress inet) {
            return inet.getHostString() + ":" + inet.getPort();
        }
        return address == null ? "(not started)" : address.toString();
    }
}
