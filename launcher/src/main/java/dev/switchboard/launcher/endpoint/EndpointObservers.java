package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.EndpointObserverProvider;
import dev.switchboard.launcher.LaunchException;
import dev.switchboard.launcher.plugin.PluginLayer;
import dev.switchboard.launcher.plugin.Plugins;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every {@link EndpointObserverProvider}: the admin endpoint's, then those of the launcher's own
 * modules and of the plugins, found with {@link ServiceLoader}. Each observes every endpoint created
 * with it; a reload {@linkplain #withPlugins rescans} the plugins for the endpoints it creates.
 */
@Singleton
public final class EndpointObservers {

    /** Observes nothing. */
    static final EndpointObservers NONE = new EndpointObservers(List.of(), Map.of());

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    /** The admin endpoint's and the launcher's own modules': the same for the life of the process. */
    private final List<EndpointObserverProvider> fixed;
    /** Each plugin layer's, in the plugins' order. */
    private final Map<ModuleLayer, List<EndpointObserverProvider>> byLayer;

    /**
     * @param admin the admin endpoint, whose metrics observe the endpoints when it is enabled
     * @param plugins the plugins loaded, whose observers are added
     * @throws LaunchException if a provider cannot be instantiated
     */
    @Inject
    public EndpointObservers(Admin admin, Plugins plugins) {
        this(builtIn(admin), byLayer(Map.of(), plugins));
    }

    private EndpointObservers(List<EndpointObserverProvider> fixed, Map<ModuleLayer, List<EndpointObserverProvider>> byLayer) {
        this.fixed = List.copyOf(fixed);
        this.byLayer = byLayer;
    }

    private static List<EndpointObserverProvider> builtIn(Admin admin) {
        List<EndpointObserverProvider> found = new ArrayList<>(admin.observers());
        found.addAll(load(ServiceLoader.load(EndpointObserverProvider.class, EndpointObservers.class.getClassLoader()),
                null, "built in"));
        return found;
    }

    /**
     * The observers for the endpoints a reload creates: the admin endpoint's and the built-in ones as
     * they are, a plugin layer's the same objects while the layer is kept, and those of plugin layers
     * new to this reload (a plugin jar added or replaced) found now.
     *
     * @param plugins the plugins the reload loaded
     * @return the observers with these plugins'; this one is unchanged
     * @throws LaunchException if a new plugin's provider cannot be instantiated
     */
    public EndpointObservers withPlugins(Plugins plugins) {
        return new EndpointObservers(fixed, byLayer(byLayer, plugins));
    }

    /**
     * Each plugin layer's providers: those of {@code previous} for a layer it has, found now for
     * another. Only layers with observers are kept, so that no other plugin's layer is held here
     * once a reload replaces it.
     */
    private static Map<ModuleLayer, List<EndpointObserverProvider>> byLayer(
            Map<ModuleLayer, List<EndpointObserverProvider>> previous, Plugins plugins) {
        Map<ModuleLayer, List<EndpointObserverProvider>> next = new LinkedHashMap<>();
        for (PluginLayer plugin : plugins.loaded()) {
            List<EndpointObserverProvider> kept = previous.get(plugin.layer());
            List<EndpointObserverProvider> providers = kept != null ? kept : discover(plugin);
            if (!providers.isEmpty()) {
                next.put(plugin.layer(), providers);
            }
        }
        return Collections.unmodifiableMap(next);
    }

    private static List<EndpointObserverProvider> discover(PluginLayer plugin) {
        List<EndpointObserverProvider> own = load(ServiceLoader.load(plugin.layer(), EndpointObserverProvider.class),
                plugin.layer(), "plugin " + plugin.name());
        own.forEach(provider -> LOG.log(INFO, "plugin " + plugin.name() + " observes every endpoint with "
                + provider.getClass().getName()));
        return own;
    }

    /** @param layer the only layer whose providers are taken, since a layer's loader also lists its parents'; null for any */
    private static List<EndpointObserverProvider> load(ServiceLoader<EndpointObserverProvider> loader, ModuleLayer layer,
            String origin) {
        try {
            return loader.stream()
                    .filter(provider -> layer == null || provider.type().getModule().getLayer() == layer)
                    .map(ServiceLoader.Provider::get)
                    .toList();
        } catch (ServiceConfigurationError | RuntimeException e) {
            throw LaunchException.badConfiguration(origin + ": an endpoint observer could not be created: " + e, e);
        }
    }

    /**
     * @param endpoint the endpoint's name
     * @param transport its transport's name
     * @return one observer calling each provider's for this endpoint
     * @throws LaunchException if a provider fails or returns null
     */
    EndpointObserver observe(String endpoint, String transport) {
        List<EndpointObserverProvider> providers = new ArrayList<>(fixed);
        byLayer.values().forEach(providers::addAll);
        List<EndpointObserver> observers = new ArrayList<>();
        for (EndpointObserverProvider provider : providers) {
            EndpointObserver observer;
            try {
                observer = provider.observe(endpoint, transport);
            } catch (RuntimeException e) {
                throw LaunchException.badConfiguration("endpoint " + endpoint + ": the endpoint observer "
                        + provider.getClass().getName() + " failed: " + e, e);
            }
            if (observer == null) {
                throw LaunchException.badConfiguration("endpoint " + endpoint + ": the endpoint observer "
                        + provider.getClass().getName() + " returned null");
            }
            observers.add(observer);
        }
        return EndpointObserver.all(observers);
    }
}
