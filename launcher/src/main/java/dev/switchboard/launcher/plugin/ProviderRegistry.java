package dev.switchboard.launcher.plugin;

import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.Framings;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.TransportProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every transport, service and framing the launcher can use, by name: those in the launcher's own
 * layer and those the plugins brought.
 *
 * @param transports the transport providers
 * @param services the service providers
 * @param framings the framing providers, which stream transports look up by name
 * @param failedPlugins the names of the plugins that could not be loaded, for messages about a name
 *     that one of them may have provided
 */
public record ProviderRegistry(
        Catalog<TransportProvider> transports,
        Catalog<MessageServiceProvider> services,
        Catalog<FrameCodecProvider> framings,
        List<String> failedPlugins) {

    /** Copies the list. */
    public ProviderRegistry {
        failedPlugins = List.copyOf(failedPlugins);
    }

    /**
     * @param transports transport providers
     * @param services service providers
     * @return a registry of exactly these, and the framings of the launcher's own layer
     * @throws dev.switchboard.launcher.LaunchException if a provider has no name
     */
    public static ProviderRegistry of(List<Discovered<TransportProvider>> transports,
            List<Discovered<MessageServiceProvider>> services) {
        return new ProviderRegistry(new Catalog<>("transport", transports), new Catalog<>("service", services),
                new Catalog<>("framing", builtIn(FrameCodecProvider.class, FrameCodecProvider::name)), List.of());
    }

    /**
     * Finds the launcher layer's providers (once: a plugin layer's service loader would list them
     * again), then adds the plugins'.
     *
     * @param plugins the plugins loaded
     * @return the registry
     * @throws dev.switchboard.launcher.LaunchException if a provider has no name
     */
    public static ProviderRegistry discover(Plugins plugins) {
        List<Discovered<TransportProvider>> transports =
                builtIn(TransportProvider.class, TransportProvider::name);
        List<Discovered<MessageServiceProvider>> services =
                builtIn(MessageServiceProvider.class, MessageServiceProvider::name);
        List<Discovered<FrameCodecProvider>> framings =
                builtIn(FrameCodecProvider.class, FrameCodecProvider::name);
        for (PluginLayer plugin : plugins.loaded()) {
            transports.addAll(plugin.transports());
            services.addAll(plugin.services());
            framings.addAll(plugin.framings());
        }
        return new ProviderRegistry(new Catalog<>("transport", transports), new Catalog<>("service", services),
                new Catalog<>("framing", framings), plugins.failed().stream().map(Plugins.Failure::name).toList());
    }

    /**
     * @param catalog {@link #transports()}, {@link #services()} or {@link #framings()}
     * @return what a message about an unknown name should list: every provider of the catalog's
     *     kind with its origin, and the plugins that failed to load
     */
    public String available(Catalog<?> catalog) {
        return "available: " + listing(catalog);
    }

    /** @return the framings as a transport looks its own up: by name, listed with their origins */
    public Framings framingLookup() {
        return new FramingLookup(framings, failedPlugins);
    }

    /**
     * The framings only, not the registry: a transport keeps its lookup for life, and the registry's
     * services may come from a plugin layer that a reload replaces and lets go. A record, because an
     * anonymous class made in an instance method would hold the registry all the same (javac gives it
     * the enclosing instance when compiling for Java 17).
     */
    private record FramingLookup(Catalog<FrameCodecProvider> catalog, List<String> failedPlugins) implements Framings {

        @Override
        public Optional<FrameCodecProvider> find(String name) {
            return catalog.find(name).map(Discovered::provider);
        }

        @Override
        public String available() {
            return listing(catalog, failedPlugins);
        }
    }

    private String listing(Catalog<?> catalog) {
        return listing(catalog, failedPlugins);
    }

    private static String listing(Catalog<?> catalog, List<String> failedPlugins) {
        return failedPlugins.isEmpty() ? catalog.available()
                : catalog.available() + "; plugins not loaded because of errors: " + String.join(", ", failedPlugins);
    }

    private static <S> List<Discovered<S>> builtIn(Class<S> type, Function<S, String> naming) {
        return ServiceLoader.load(type, ProviderRegistry.class.getClassLoader()).stream()
                .map(provider -> {
                    S instance = provider.get();
                    Module module = provider.type().getModule();
                    String origin = module.isNamed() ? "built-in module " + module.getName() : "class path";
                    return new Discovered<>(naming.apply(instance), instance, origin);
                })
                .collect(Collectors.toCollection(ArrayList::new));
    }
}
