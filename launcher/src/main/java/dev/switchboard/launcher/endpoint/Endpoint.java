package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.admin.EndpointState;
import dev.switchboard.admin.EndpointStatus;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * One configured endpoint, created but not yet started: a transport and the chain of services that
 * answers its requests.
 */
public final class Endpoint {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    /** How long past its grace a retired transport may take to stop before the endpoint's stop goes on. */
    private static final Duration RETIRED_STOP_MARGIN = Duration.ofSeconds(2);

    private final String name;
    private final String transportName;
    private final Transport transport;
    private final List<String> serviceNames;
    private final MessageService service;
    private final Duration shutdownGrace;
    private final Blueprint blueprint;
    private final Generations generations;
    private volatile EndpointState state = EndpointState.STARTING;

    /**
     * @param name the endpoint's name, its key under {@code switchboard.endpoints}
     * @param transportName the transport's name, such as {@code "tcp"}
     * @param transport the unstarted transport
     * @param serviceNames the names of the services, in chain order
     * @param service the chain of services
     * @param shutdownGrace how long in-flight requests may take when the endpoint stops
     * @param blueprint what it was made of, which a reload compares
     */
    public Endpoint(String name, String transportName, Transport transport, List<String> serviceNames,
            MessageService service, Duration shutdownGrace, Blueprint blueprint) {
        this(name, transportName, transport, serviceNames, service, shutdownGrace, blueprint,
                new Generations(name, transport));
    }

    private Endpoint(String name, String transportName, Transport transport, List<String> serviceNames,
            MessageService service, Duration shutdownGrace, Blueprint blueprint, Generations generations) {
        this.generations = generations;
        this.name = name;
        this.transportName = transportName;
        this.transport = transport;
        this.serviceNames = List.copyOf(serviceNames);
        this.service = service;
        this.shutdownGrace = shutdownGrace;
        this.blueprint = blueprint;
    }

    /** @return the endpoint's name */
    public String name() {
        return name;
    }

    /** @return the transport's name, such as {@code "tcp"} */
    public String transportName() {
        return transportName;
    }

    /** @return the endpoint's transport */
    public Transport transport() {
        return transport;
    }

    /** @return how long in-flight requests may take when the endpoint stops */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** @return what the endpoint was made of: its transport and services, with their providers and settings */
    public Blueprint blueprint() {
        return blueprint;
    }

    /** @return the names of its services, in chain order */
    public List<String> serviceNames() {
        return serviceNames;
    }

    /**
     * Has this endpoint's serving transport answer with {@code next}'s services from now on
     * ({@link Transport#switchService}); its listening socket and connections stay open. This
     * endpoint's services are closed once no request is in them any more; if a request stays in them
     * too long, they are left open, and logged.
     *
     * @param next an unstarted endpoint of the same name, whose services and shutdown grace are taken
     * @return the endpoint as it serves now: this transport, {@code next}'s services
     * @throws UnsupportedOperationException if the transport cannot switch; nothing changed
     * @throws IllegalArgumentException if one of the chains blocks and the other does not; nothing changed
     */
    public Endpoint switchedTo(Endpoint next) {
        try {
            transport.switchService(next.service);
            if (generations.switchRetired(next.service, service)) {
                closeServices();
            }
        } catch (IllegalStateException stillInUse) {
            LOG.log(WARNING, "endpoint " + name + ": switched, but its previous services are left open: "
                    + stillInUse.getMessage());
        }
        Endpoint switched = new Endpoint(name, transportName, transport, next.serviceNames, next.service,
                next.shutdownGrace, blueprint.withServicesOf(next.blueprint), generations);
        switched.state = state;
        return switched;
    }

    /**
     * Has {@code next}'s transport serve on this endpoint's sockets with its own settings and
     * services ({@link Transport#takeOver}): the listening socket stays open, and this endpoint's
     * transport retires, serving the connections it has (switched to {@code next}'s services where it
     * can) until the last one closes or the endpoint stops. This endpoint's services are closed once
     * nothing serves with them. The endpoint's counters go on from where they were.
     *
     * @param next an unstarted endpoint of the same name and address, whose transport, services and
     *     shutdown grace are taken
     * @return the endpoint as it serves now
     * @throws UnsupportedOperationException if {@code next}'s transport cannot take over from this
     *     one's, such as one of a replaced plugin's class; nothing changed
     * @throws IOException if {@code next}'s transport cannot be set up on the sockets; nothing changed
     */
    public Endpoint takenOverBy(Endpoint next) throws IOException {
        next.transport.takeOver(transport, next.service);
        Endpoint successor = new Endpoint(name, transportName, next.transport, next.serviceNames, next.service,
                next.shutdownGrace, next.blueprint, generations);
        successor.state = EndpointState.SERVING;
        if (generations.takenOver(next.transport, next.service, service, shutdownGrace)) {
            closeServices();
        }
        return successor;
    }

    /**
     * One line for the log and for {@code --check}: the name (and the transport's name when it
     * differs), the transport's own description, and the services, such as
     * {@code "shout (tcp) 0.0.0.0:13000 line -> [trim, uppercase]"}.
     *
     * @return the description
     */
    public String description() {
        String transportPart = transportName.equals(name) ? "" : " (" + transportName + ")";
        return name + transportPart + " " + transport.description() + " -> " + serviceNames;
    }

    /**
     * Binds and starts serving.
     *
     * @throws IOException if the transport cannot bind
     */
    public void start() throws IOException {
        transport.start(service);
        state = EndpointState.SERVING;
    }

    /**
     * Stops the transport, and the retired ones it took over from, within the shutdown grace.
     *
     * @return the endpoint's final counts
     */
    public TransportStats stop() {
        state = EndpointState.DRAINING;
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        generations.stopRetired();
        transport.stop(shutdownGrace);
        generations.awaitRetired(deadline + RETIRED_STOP_MARGIN.toNanos());
        state = EndpointState.STOPPED;
        return generations.stats();
    }

    /**
     * @return the endpoint's state and counters now, for the admin endpoint: those of its transport
     *     and of those it took over from, so that none goes down across a reload; safe from any thread
     */
    public EndpointStatus status() {
        return new EndpointStatus(name, transportName, state, generations.stats());
    }

    /** @return how many transports it took over from still serve the connections they had */
    public int retiredTransports() {
        return generations.retiredCount();
    }

    /** Closes the services, once the transport has stopped or if it never started. */
    public void closeServices() {
        try {
            service.close();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "endpoint " + name + ": closing its services failed: " + e, e);
        }
    }
}
