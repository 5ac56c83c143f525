package dev.switchboard.api;

/**
 * Creates {@link Transport}s of one kind; found with {@link java.util.ServiceLoader}.
 *
 * <p>A provider is a small class with a public no-argument constructor, declared in its module's
 * descriptor ({@code provides dev.switchboard.api.TransportProvider with ...}) or, for a plain jar,
 * in {@code META-INF/services/dev.switchboard.api.TransportProvider}. Its defaults belong in the
 * jar's root-level {@code reference.conf} under {@code switchboard.transports.<name>}; the launcher
 * treats the keys found there as the transport's complete set of settings and rejects others.
 */
public interface TransportProvider {

    /**
     * The name configurations use to pick this transport, such as {@code "udp"} or {@code "tcp"}.
     *
     * @return the transport's name
     */
    String name();

    /**
     * Creates the transport of one endpoint, without binding anything yet. Called for every
     * endpoint before any of them starts, so that a bad setting stops the launch before a port is
     * bound: validate every setting here.
     *
     * @param context the endpoint, its settings and a logger
     * @return a new, unstarted transport
     * @throws SettingsException if a setting is missing or invalid
     */
    Transport create(TransportContext context);

    /**
     * Does ahead of time the work a first {@link #create} or start would do that no setting changes,
     * such as finding and linking native calls, so that it is done, or under way, when the first
     * endpoint starts. The launcher calls it on a thread of its own when a server starts, while it
     * reads its configuration, for the providers on its module path (a plugin's layer exists only
     * once the configuration is read, so plugins' are not called); it may run concurrently with
     * {@link #create} and the start of its transports, so it must be thread-safe, and it may be
     * called more than once. A failure is not reported here: the start that needs what failed meets
     * it and says so. Does nothing by default.
     */
    default void prepare() {}
}
