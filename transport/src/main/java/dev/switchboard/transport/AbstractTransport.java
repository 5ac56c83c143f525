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
 * and stops: {@link #start} runs {@link #serve} once, {@link #stop} runs {@link #shutDown} once and
 * only after a start, whatever the callers do; the counters, the rate-limited log and the description
 * are here too.
 *
 * <p>{@code start} and {@code stop} are synchronized on the transport; {@link #localAddress()},
 * {@link #stats()} and {@link #description()} may be called from any thread at any time.
 */
public abstract class AbstractTransport implements Transport {

    private enum Phase { NEW, STARTED, STOPPED }

    private final TransportContext context;
    private final Counters counters = new Counters();
    private final RateLimitedLog log;
    private Phase phase = Phase.NEW;
    private volatile SocketAddress localAddress;

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
