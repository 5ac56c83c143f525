package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.EndpointObserverProvider;
import dev.switchboard.launcher.LaunchException;
import dev.switchboard.launcher.plugin.PluginLayer;
import dev.switchboard.launcher.plugin.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Every {@link EndpointObserverProvider}: the admin endpoint's, then those of the launcher's own
 * modules and of the plugins, found with {@link ServiceLoader}. Each observes every endpoint.
 */
public final class EndpointObservers {

    /** Observes nothing. */
    static final EndpointObservers NONE = new EndpointObservers(List.of());

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private final List<EndpointObserverProvider> providers;

    /**
     * @param admin the admin endpoint, whose metrics observe the endpoints when it is enabled
     * @param plugins the plugins loaded, whose observers are added
     * @throws LaunchException if a provider cannot be instantiated
     */
    public EndpointObservers(Admin admin, Plugins plugins) {
        this(discover(admin, plugins));
    }

    private EndpointObservers(List<EndpointObserverProvider> providers) {
        this.providers = List.copyOf(providers);
    }

    private static List<EndpointObserverProvider> discover(Admin admin, Plugins plugins) {
        List<EndpointObserverProvider> found = new ArrayList<>(admin.observers());
        found.addAll(load(ServiceLoader.load(EndpointObserverProvider.class, EndpointObservers.class.getClassLoader()),
                null, "built in"));
        for (PluginLayer plugin : plugins.loaded()) {
            List<EndpointObserverProvider> own = load(ServiceLoader.load(plugin.layer(), EndpointObserverProvider.class),
                    plugin.layer(), "plugin " + plugin.name());
            own.forEach(provider -> LOG.log(INFO, "plugin " + plugin.name() + " observes every endpoint with "
                    + provider.getClass().getName()));
            found.addAll(own);
        }
        return found;
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
