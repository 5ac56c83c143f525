package dev.switchboard.launcher.endpoint;

import com.typesafe.config.Config;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What one endpoint was made of, so that a reload can tell what changed: its transport (the
 * provider's class, which a replaced plugin jar changes, and the settings it was given) and each
 * service of its chain (likewise). Settings compare by value, whatever file and line they came from.
 *
 * @param transport the transport's name
 * @param transportProvider the transport provider's class
 * @param transportSettings the endpoint's merged settings other than those only the launcher reads
 *     ({@code services}, {@code shutdown-grace}, {@code enabled})
 * @param services the chain, in order
 */
public record Blueprint(String transport, Class<?> transportProvider, Config transportSettings,
        List<ServicePart> services) {

    /** The settings that name where an endpoint listens, in the transports Switchboard ships. */
    private static final List<String> ADDRESS_KEYS = List.of("host", "port", "path");

    /** Copies the list. */
    public Blueprint {
        services = List.copyOf(services);
    }

    /**
     * One service of a chain.
     *
     * @param name its name as configured
     * @param provider the provider's class
     * @param settings its settings: its defaults with the endpoint's overrides
     */
    public record ServicePart(String name, Class<?> provider, Config settings) {}

    /**
     * @param other another endpoint's blueprint
     * @return whether the two have the same transport, of the same provider class, with equal settings
     */
    public boolean sameTransport(Blueprint other) {
        return transport.equals(other.transport) && transportProvider == other.transportProvider
                && transportSettings.equals(other.transportSettings);
    }

    /**
     * @param other another endpoint's blueprint
     * @return whether the two listen on the same transport and the same configured address
     *     ({@code host}, {@code port}, {@code path})
     */
    public boolean sameAddress(Blueprint other) {
        if (!transport.equals(other.transport)) {
            return false;
        }
        for (String key : ADDRESS_KEYS) {
            Object mine = transportSettings.hasPath(key) ? transportSettings.getValue(key).unwrapped() : null;
            Object theirs = other.transportSettings.hasPath(key) ? other.transportSettings.getValue(key).unwrapped() : null;
            if (!Objects.equals(mine, theirs)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param other another endpoint's blueprint
     * @return whether the two chains have the same services, of the same provider classes, with equal settings
     */
    public boolean sameServices(Blueprint other) {
        if (services.size() != other.services.size()) {
            return false;
        }
        for (int i = 0; i < services.size(); i++) {
            ServicePart mine = services.get(i);
            ServicePart theirs = other.services.get(i);
            if (!mine.name.equals(theirs.name) || mine.provider != theirs.provider || !mine.settings.equals(theirs.settings)) {
                return false;
            }
        }
        return true;
    }

    /**
     * @param next the blueprint whose services replace these
     * @return this transport with {@code next}'s services
     */
    public Blueprint withServicesOf(Blueprint next) {
        return new Blueprint(transport, transportProvider, transportSettings, next.services);
    }

    /** @return the module layers the providers' classes were defined in: the boot layer's, or a plugin's */
    public Set<ModuleLayer> layers() {
        Set<ModuleLayer> layers = new LinkedHashSet<>();
        add(layers, transportProvider);
        services.forEach(service -> add(layers, service.provider));
        return layers;
    }

    private static void add(Set<ModuleLayer> layers, Class<?> type) {
        ModuleLayer layer = type.getModule().getLayer();
        if (layer != null) {
            layers.add(layer);
        }
    }
}
