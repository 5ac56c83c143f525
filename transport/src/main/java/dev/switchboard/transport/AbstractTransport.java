package dev.switchboard.transport;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The life cycle every transport shares, so that a transport implements only how it binds, serves
 * and stops: {@link #start} runs {@link #serve} once (or {@link #takeOver} runs {@link #serveInstead}),
 * {@link #stop} runs {@link #shutDown} once and only after a start, whatever the callers do; the
 * counters, the rate-limited log and the description are here too.
 *
 * <p>{@code start}, {@code takeOver} and {@code stop} are synchronized on the transport (a take-over
 * on its predecessor too); {@link #localAddress()},
 * {@link #stats()} and {@link #description()} may be called from any thread at any time.
 */
public abstract class AbstractTransport implements Transport {

    private enum Phase { NEW, STARTED, STOPPED }

    private final TransportContext context;
    private final Counters counters = new Counters();
    private final RateLimitedLog log;
    private Phase phase = Phase.NEW;
    private volatile SocketAddress localAddress;
    /** Whether a successor took over its sockets; written under the lock, read by {@link #shutDown}. */
    private volatile boolean retired;

    /**
     * @param context the endpoint's name, logger and settings
     * @param logInterval the least time between two log lines about the same kind of refusal
     */
    protected AbstractTransport(TransportContext context, Duration logInterval) {
        this.context = Objects.requireNonNull(context, "context");
        this.log = new RateLimitedLog(context.logger(), logInterval);
    }

    /**
     * Binds the endpoint and starts its threads, handing every request to {@code service}.
     *
     * @param service what answers the requests
     * @return the address bound, with the actual port when port 0 was configured
     * @throws IOException if the endpoint cannot be bound, such as a {@link java.net.BindException}
     *     naming the address (see {@link Addresses#bindFailure}); nothing may be left open then
     */
    protected abstract SocketAddress serve(MessageService service) throws IOException;

    /**
     * Stops serving gracefully within {@code deadline}, then closes what is left by force, and
     * returns once every thread {@link #serve} started has ended or been given up on. Called once,
     * after a successful {@code serve}.
     *
     * @param deadline the end of the shutdown grace period
     */
    protected abstract void shutDown(Deadline deadline);

    /**
     * Serves on {@code predecessor}'s sockets instead of binding ({@link Transport#takeOver}): sets
     * up everything of this transport's own on them and starts its threads, then has the predecessor
     * stop taking new work from them without closing them. Called once, with both transports' locks
     * held, and only for a started predecessor of this class that has not retired. Transports that
     * cannot keep this default, which throws {@link UnsupportedOperationException}.
     *
     * @param predecessor the transport serving on the sockets, of this class
     * @param service what answers this transport's requests
     * @return the address served, as {@link #serve} returns it
     * @throws IOException if this transport cannot be set up; nothing may have changed then, for
     *     either transport
     */
    protected SocketAddress serveInstead(AbstractTransport predecessor, MessageService service) throws IOException {
        throw new UnsupportedOperationException(getClass().getName() + " cannot take over another transport's sockets");
    }

    /** @return the address the settings ask for, which {@link #description()} shows until started */
    protected abstract SocketAddress configuredAddress();

    /**
     * @param started whether the transport has started
     * @return what {@link #description()} shows after the address, such as {@code " line, 2 loops"}
     */
    protected abstract String details(boolean started);

    /**
     * Runs {@link #serve} once.
     *
     * @throws IllegalStateException if already started
     */
    @Override
    public final synchronized void start(MessageService service) throws IOException {
        Objects.requireNonNull(service, "service");
        if (phase != Phase.NEW) {
            throw new IllegalStateException("endpoint " + context.endpoint() + ": the transport was already started");
        }
        localAddress = serve(service);
        phase = Phase.STARTED;
    }

    /**
     * Runs {@link #serveInstead} once, for a predecessor of this class.
     *
     * @throws UnsupportedOperationException if {@code predecessor} is of another class, or this one cannot
     * @throws IllegalStateException if this one was started, or the predecessor is not serving or has retired
     */
    @Override
    public final void takeOver(Transport predecessor, MessageService service) throws IOException {
        Objects.requireNonNull(service, "service");
        if (predecessor.getClass() != getClass()) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot take over from "
                    + predecessor.getClass().getName() + ", another class");
        }
        AbstractTransport from = (AbstractTransport) predecessor;
        synchronized (this) {
            if (phase != Phase.NEW) {
                throw new IllegalStateException("endpoint " + context.endpoint() + ": the transport was already started");
            }
            synchronized (from) {
                if (from.phase != Phase.STARTED || from.retired) {
                    throw new IllegalStateException("endpoint " + context.endpoint() + ": the transport to take over"
                            + " from is not serving");
                }
                localAddress = serveInstead(from, service);
                from.retired = true;
                phase = Phase.STARTED;
            }
        }
    }

    /** Runs {@link #shutDown} once, if started; does nothing otherwise. */
    @Override
    public final synchronized void stop(Duration grace) {
        if (phase != Phase.STARTED) {
            return;
        }
        phase = Phase.STOPPED;
        shutDown(Deadline.after(grace));
    }

    @Override
    public final SocketAddress localAddress() {
        return localAddress;
    }

    @Override
    public TransportStats stats() {
        return counters.snapshot();
    }

    /** @return the address (bound, or configured until started) and the {@link #details} */
    @Override
    public final String description() {
        SocketAddress bound = localAddress;
        return Addresses.format(bound == null ? configuredAddress() : bound) + details(bound != null);
    }

    /**
     * @return whether a successor took over this transport's sockets: it takes no new work from them,
     *     and its {@link #shutDown} must leave them open
     */
    protected final boolean retired() {
        return retired;
    }

    /** @return the endpoint's name, logger and settings */
    protected final TransportContext context() {
        return context;
    }

    /** @return the transport's counters, from which each thread takes its shard */
    protected final Counters counters() {
        return counters;
    }

    /** @return the rate-limited view of the endpoint's logger */
    protected final RateLimitedLog log() {
        return log;
    }

    /**
     * @param service the service the transport was started with
     * @return the endpoint as the transport's threads see it
     */
    protected final ServedEndpoint served(MessageService service) {
        return new ServedEndpoint(context.endpoint(), context.transport(), service, context.logger(), log, context);
    }
}
