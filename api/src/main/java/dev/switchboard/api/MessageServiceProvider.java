package dev.switchboard.api;

/**
 * Creates {@link MessageService}s of one kind; found with {@link java.util.ServiceLoader}.
 *
 * <p>A provider is a small class with a public no-argument constructor, declared in the plugin's
 * module descriptor ({@code provides dev.switchboard.api.MessageServiceProvider with ...}) or, for a
 * plain jar, in {@code META-INF/services/dev.switchboard.api.MessageServiceProvider}. Its defaults
 * belong in the jar's root-level {@code reference.conf} under {@code switchboard.services.<name>}.
 */
public interface MessageServiceProvider {

    /**
     * The name configurations use to pick this service, such as {@code "uppercase"}: lower case,
     * digits and dashes, unique among the providers the launcher sees.
     *
     * @return the service's name
     */
    String name();

    /**
     * Creates the service for one endpoint. Called before any endpoint binds, so that a bad setting
     * stops the launch with a clear message: validate every setting here.
     *
     * @param context the endpoint, the service's settings and a logger
     * @return a new service
     * @throws SettingsException if a setting is missing or invalid
     */
    MessageService create(ServiceContext context);
}
