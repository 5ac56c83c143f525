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
 * begins serving (or {@link #takeOver} serves on another transport's sockets); {@link #stop} ends
 * it. A transport is started at most once. {@link #stats()} and
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
     * Starts this unstarted transport on the sockets {@code predecessor} is bound to, instead of
     * binding its own: a change of settings on the same address then closes neither the listening
     * socket nor an open connection, and loses no request. Called instead of {@link #start}, from any
     * thread, while {@code predecessor} serves.
     *
     * <p>When it returns, this transport serves every new connection (or datagram) with its own
     * settings and {@code service}, and owns the sockets: its {@link #stop} closes them. The
     * predecessor has <em>retired</em>: it accepts and receives nothing more, serves the connections
     * it had with the settings they were accepted under and answers the requests its threads had
     * taken, still with its own service (which {@link #switchService} may change), and its
     * {@link #stop} ends those without closing the sockets it handed over. Its
     * {@link TransportStats#connectionsOpen() connectionsOpen} counts what it still serves; whoever
     * took over stops it, at the latest when that is 0 (a datagram transport's always is). No
     * connection the kernel completed and no datagram already queued in a socket's buffer is lost:
     * either transport takes it.
     *
     * <p>A transport supports it only for a predecessor of its own class (and of its own plugin
     * classes, such as a binding), serving the same configured address; transports that cannot keep
     * this default, which throws {@link UnsupportedOperationException}: the launcher then keeps the
     * predecessor and its settings until a restart, and says so.
     *
     * @param predecessor a started, serving transport of the same class on the same address, not
     *     retired
     * @param service what answers this transport's requests, as for {@link #start}
     * @throws UnsupportedOperationException if this transport cannot take over from
     *     {@code predecessor}, saying why; nothing changed
     * @throws IOException if this transport cannot be set up on the sockets, such as its buffers not
     *     fitting in the memory budget; nothing changed: the predecessor serves on as before and this
     *     transport stays unstarted
     * @throws IllegalStateException if this transport was started, or {@code predecessor} is not
     *     serving or has retired; nothing changed
     */
    default void takeOver(Transport predecessor, MessageService service) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot take over another transport's sockets");
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
