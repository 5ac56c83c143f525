package dev.switchboard.launcher.reload;

import static java.lang.System.Logger.Level.INFO;

import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.plugin.PluginLayer;
import dev.switchboard.launcher.plugin.Plugins;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The plugin layers a reload replaced, kept while a serving endpoint still uses a provider of
 * theirs and let go once none does: the reloads hold no reference to them any more, so that the
 * garbage collector may unload their classes once nothing else does.
 */
final class PluginLayers {

    private static final System.Logger LOG = System.getLogger("switchboard.plugins");

    private List<PluginLayer> current;
    private final List<PluginLayer> retained = new ArrayList<>();

    /** @param loaded the plugins loaded at start */
    PluginLayers(Plugins loaded) {
        this.current = loaded.loaded();
    }

    /**
     * After a reload: the layers of the previous plugins that the new ones do not have are retained
     * while an endpoint uses them, released otherwise.
     *
     * @param loaded the plugins the reload loaded
     * @param serving the endpoints serving after the reload
     */
    synchronized void update(Plugins loaded, List<Endpoint> serving) {
        Set<ModuleLayer> kept = new HashSet<>();
        loaded.loaded().forEach(plugin -> kept.add(plugin.layer()));
        Set<ModuleLayer> used = new HashSet<>();
        serving.forEach(endpoint -> used.addAll(endpoint.blueprint().layers()));
        List<PluginLayer> candidates = new ArrayList<>(retained);
        current.stream().filter(plugin -> !kept.contains(plugin.layer())).forEach(candidates::add);
        retained.clear();
        for (PluginLayer plugin : candidates) {
            if (used.contains(plugin.layer())) {
                retained.add(plugin);
                LOG.log(INFO, "plugin " + plugin.name() + ": its previous layer stays while an endpoint uses it");
            } else {
                LOG.log(INFO, "plugin " + plugin.name() + ": its previous layer is released");
            }
        }
        current = loaded.loaded();
    }

    /** @return the names of the replaced or removed plugins whose layers an endpoint still uses */
    synchronized List<String> retained() {
        return retained.stream().map(PluginLayer::name).toList();
    }
}
