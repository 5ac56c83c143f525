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

    private final String name;
    private final String transportName;
    private final Transport transport;
    private final List<String> serviceNames;
    private final MessageService service;
    private final Duration shutdownGrace;
    private volatile EndpointState state = EndpointState.STARTING;

    /**
     * @param name the endpoint's name, its key under {@code switchboard.endpoints}
     * @param transportName the transport's name, such as {@code "tcp"}
     * @param transport the unstarted transport
     * @param serviceNames the names of the services, in chain order
     * @param service the chain of services
     * @param shutdownGrace how long in-flight requests may take when the endpoint stops
     */
    public Endpoint(String name, String transportName, Transport transport, List<String> serviceNames,
            MessageService service, Duration shutdownGrace) {
        this.name = name;
        this.transportName = transportName;
        this.transport = transport;
        this.serviceNames = List.copyOf(serviceNames);
        this.service = service;
        this.shutdownGrace = shutdownGrace;
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
     * Stops the transport within the shutdown grace.
     *
     * @return the transport's final counts
     */
    public TransportStats stop() {
        state = EndpointState.DRAINING;
        transport.stop(shutdownGrace);
        state = EndpointState.STOPPED;
        return transport.stats();
    }

    /** @return the endpoint's state and counters now, for the admin endpoint; safe from any thread */
    public EndpointStatus status() {
        return new EndpointStatus(name, transportName, state, transport.stats());
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
