package dev.switchboard.launcher.plugin;

/**
 * A provider found by {@link java.util.ServiceLoader}, with where it came from.
 *
 * @param name the provider's name, as its {@code name()} returned it
 * @param provider the provider
 * @param origin for messages, such as {@code "built-in module dev.switchboard.transport.tcp"} or
 *     {@code "plugin reverse-service-1.0.jar"}
 * @param <P> the provider type
 */
public record Discovered<P>(String name, P provider, String origin) {

    @Override
    public String toString() {
        return name + " (" + origin + ")";
    }
}
