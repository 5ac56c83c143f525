package dev.switchboard.api;

import java.util.Objects;

/**
 * What a {@link TransportProvider} is given to create the transport of one endpoint. A final class
 * rather than a record, so that it can gain accessors without breaking the providers that use it.
 */
public final class TransportContext {

    private final String endpoint;
    private final String transport;
    private final Settings settings;
    private final System.Logger logger;
    private final Framings framings;
    private final FatalFailureHandler fatalFailures;
    private final MemoryBudget memoryBudget;
    private final EndpointObserver observer;

    /**
     * A context whose framings are those {@link Framings#installed()} finds, as tests and embedded
     * uses want.
     *
     * @param endpoint the endpoint's name
     * @param transport the transport's name as configured
     * @param settings the endpoint's settings
     * @param logger where the transport should log
     */
    public TransportContext(String endpoint, String transport, Settings settings, System.Logger logger) {
        this(endpoint, transport, settings, logger, Framings.installed());
    }

    /**
     * @param endpoint the endpoint's name
     * @param transport the transport's name as configured
     * @param settings the endpoint's settings
     * @param logger where the transport should log
     * @param framings the framings the endpoint may name
     */
    public TransportContext(String endpoint, String transport, Settings settings, System.Logger logger,
            Framings framings) {
        this(endpoint, transport, settings, logger, framings, FatalFailureHandler.logging(logger),
                MemoryBudget.processDefault());
    }

    /**
     * @param endpoint the endpoint's name
     * @param transport the transport's name as configured
     * @param settings the endpoint's settings
     * @param logger where the transport should log
     * @param framings the framings the endpoint may name
     * @param fatalFailures what happens when one of the transport's serving threads dies; the
     *     launcher's stops the process
     */
    public TransportContext(String endpoint, String transport, Settings settings, System.Logger logger,
            Framings framings, FatalFailureHandler fatalFailures) {
        this(endpoint, transport, settings, logger, framings, fatalFailures, MemoryBudget.processDefault());
    }

    /**
     * @param endpoint the endpoint's name
     * @param transport the transport's name as configured
     * @param settings the endpoint's settings
     * @param logger where the transport should log
     * @param framings the framings the endpoint may name
     * @param memoryBudget the budget the transport reserves what it buffers from, shared with every
     *     other endpoint of the process
     */
    public TransportContext(String endpoint, String transport, Settings settings, System.Logger logger,
            Framings framings, MemoryBudget memoryBudget) {
        this(endpoint, transport, settings, logger, framings, FatalFailureHandler.logging(logger), memoryBudget);
    }

    /**
     * @param endpoint the endpoint's name
     * @param transport the transport's name as configured
     * @param settings the endpoint's settings
     * @param logger where the transport should log
     * @param framings the framings the endpoint may name
     * @param fatalFailures what happens when one of the transport's serving threads dies; the
     *     launcher's stops the process
     * @param memoryBudget the budget the transport reserves what it buffers from, shared with every
     *     other endpoint of the process
     */
    public TransportContext(String endpoint, String transport, Settings settings, System.Logger logger,
            Framings framings, FatalFailureHandler fatalFailures, MemoryBudget memoryBudget) {
        this(endpoint, transport, settings, logger, framings, fatalFailures, memoryBudget, EndpointObserver.NONE);
    }

    /**
     * @param endpoint the endpoint's name
     * @param transport the transport's name as configured
     * @param settings the endpoint's settings
     * @param logger where the transport should log
     * @param framings the framings the endpoint may name
     * @param fatalFailures what happens when one of the transport's serving threads dies; the
     *     launcher's stops the process
     * @param memoryBudget the budget the transport reserves what it buffers from, shared with every
     *     other endpoint of the process
     * @param observer what the transport reports its connections, requests and refusals to
     *     ({@link EndpointObserver#all} for several)
     */
    public TransportContext(String endpoint, String transport, Settings settings, System.Logger logger,
            Framings framings, FatalFailureHandler fatalFailures, MemoryBudget memoryBudget,
            EndpointObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.memoryBudget = Objects.requireNonNull(memoryBudget, "memoryBudget");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.framings = Objects.requireNonNull(framings, "framings");
        this.fatalFailures = Objects.requireNonNull(fatalFailures, "fatalFailures");
    }

    /**
     * @return the endpoint's name, such as {@code "tcp"}; appears in logs and in every
     *     {@link RequestContext}
     */
    public String endpoint() {
        return endpoint;
    }

    /** @return the transport's name as configured, such as {@code "tcp"} */
    public String transport() {
        return transport;
    }

    /**
     * @return the endpoint's settings over the transport module's {@code reference.conf} defaults
     *     under {@code switchboard.transports.<name>}
     */
    public Settings settings() {
        return settings;
    }

    /** @return where the transport should log */
    public System.Logger logger() {
        return logger;
    }

    /** @return the framings the endpoint may name: built-in and plugins' */
    public Framings framings() {
        return framings;
    }

    /**
     * Reports that the calling thread, one the transport serves with (an event loop, an acceptor, a
     * receive loop), is dying of {@code cause}, which nothing could contain: the endpoint no longer
     * serves as configured. Call it from the dying thread, once, as its last act; it returns.
     *
     * @param cause what killed the thread
     */
    public void serviceThreadDied(Throwable cause) {
        fatalFailures.serviceThreadDied(endpoint, Thread.currentThread(), Objects.requireNonNull(cause, "cause"));
    }

    /**
     * @return the process-wide budget of what transports buffer for clients; the launcher's, or
     *     {@link MemoryBudget#processDefault()} for a context created without one
     */
    public MemoryBudget memoryBudget() {
        return memoryBudget;
    }

    /**
     * @return what the transport reports each connection opened and closed, request served and
     *     refusal to, on its serving threads; {@link EndpointObserver#NONE} for a context created
     *     without one
     */
    public EndpointObserver observer() {
        return observer;
    }

    /**
     * Creates the codec of the framing that setting {@code key} names, for a stream transport.
     *
     * @param key the setting naming the framing, such as {@code "framing"}
     * @param maxMessageBytes the largest request payload the endpoint accepts
     * @return a new codec for this endpoint
     * @throws SettingsException if the setting is missing, or names no framing: the message names
     *     the file and line, and lists every framing available with where it comes from
     */
    public FrameCodec frameCodec(String key, int maxMessageBytes) {
        String name = settings.string(key);
        FrameCodecProvider provider = framings.find(name).orElseThrow(
                () -> settings.invalid(key, "one of the framings available: " + framings.available()));
        FrameCodec codec = provider.create(new FrameCodecContext(endpoint, name, maxMessageBytes, settings));
        if (codec == null) {
            throw new IllegalStateException("framing " + name + ": " + provider.getClass().getName()
                    + " created no codec (null)");
        }
        return codec;
    }

    @Override
    public String toString() {
        return "TransportContext[endpoint=" + endpoint + ", transport=" + transport + ", settings="
                + settings.path() + "]";
    }
}
