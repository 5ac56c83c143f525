package dev.switchboard.launcher.reload;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.config.ConfigSource;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.plugin.PluginLoader;
import dev.switchboard.launcher.plugin.Plugins;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import jakarta.inject.Provider;

/**
 * The plugins, the effective configuration and the provider registry the server serves with now:
 * loaded on first use (at start), replaced by each reload that applies. The launcher's object graph
 * reads them from here rather than holding the first ones for good, so that nothing but the
 * endpoints using them keeps a replaced plugin's layer alive.
 */
public final class CurrentConfiguration {

    /**
     * One loading of the configuration and the plugins.
     *
     * @param plugins the plugins loaded
     * @param config the effective configuration, with the plugins' defaults
     * @param providers every transport, service and framing available
     */
    public record Loaded(Plugins plugins, EffectiveConfig config, ProviderRegistry providers) {}

    private final Provider<ConfigSource> source;
    private final Home home;
    private final PluginLoader loader;
    private Loaded current;

    /**
     * @param source the configuration file and overrides as read at start
     * @param home the installation directory
     * @param loader loads the plugins folder
     */
    public CurrentConfiguration(Provider<ConfigSource> source, Home home, PluginLoader loader) {
        this.source = source;
        this.home = home;
        this.loader = loader;
    }

    /**
     * @return what serves now; loaded from the start's configuration source the first time
     * @throws dev.switchboard.launcher.LaunchException if that first loading fails (and then again
     *     at the next call)
     */
    public synchronized Loaded current() {
        if (current == null) {
            ConfigSource start = source.get();
            Plugins plugins = loader.load(start.pluginsDirectory(home));
            EffectiveConfig config = start.load(plugins.references());
            current = new Loaded(plugins, config, ProviderRegistry.discover(plugins));
        }
        return current;
    }

    /** @param reloaded what a reload that applied loaded */
    synchronized void replace(Loaded reloaded) {
        current = reloaded;
    }
}
