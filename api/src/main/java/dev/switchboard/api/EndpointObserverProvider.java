package dev.switchboard.api;

/**
 * Creates the {@link EndpointObserver} of each endpoint; found with {@link java.util.ServiceLoader},
 * in the launcher's modules and in every plugin, so that a third party adds an exporter (OpenTelemetry,
 * JFR events, ...) as a jar in {@code plugins/}:
 * <pre>{@code
 * module com.example.jfr {
 *     requires dev.switchboard.api;
 *     provides dev.switchboard.api.EndpointObserverProvider with com.example.jfr.JfrObservers;
 * }
 * }</pre>
 *
 * <p>A provider is a small class with a public no-argument constructor. Every provider found
 * observes every endpoint.
 */
public interface EndpointObserverProvider {

    /**
     * Called once per endpoint, on the launcher's thread, before the endpoint's transport is created.
     *
     * @param endpoint the endpoint's name, such as {@code "tcp"}
     * @param transport the name of its transport, such as {@code "tcp"}
     * @return the endpoint's observer; {@link EndpointObserver#NONE} to observe nothing of it
     */
    EndpointObserver observe(String endpoint, String transport);
}
