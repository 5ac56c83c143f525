package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.config.ConfigSource;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.plugin.PluginLoader;
import dev.switchboard.launcher.plugin.Plugins;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The configuration and the plugins, read as the launcher reads them for the server but without
 * its object graph: what {@code plugins} and {@code config} look at.
 *
 * @param source the configuration file and overrides
 * @param pluginsFolder the plugins folder the configuration names
 * @param plugins the plugins loaded from it, and those that failed
 */
record Installation(ConfigSource source, Path pluginsFolder, Plugins plugins) {

    /**
     * @throws dev.switchboard.launcher.LaunchException if the configuration file is missing or not
     *     HOCON, or the plugins folder cannot be read
     */
    static Installation open(Home home, ConfigOptions options, Properties systemProperties) {
        ConfigSource source = ConfigSource.open(options.file(home), options.properties(systemProperties));
        Path folder = source.pluginsDirectory(home);
        return new Installation(source, folder, new PluginLoader().load(folder));
    }

    /**
     * @return the configuration with the plugins' defaults
     * @throws dev.switchboard.launcher.LaunchException if a substitution cannot be resolved
     */
    EffectiveConfig config() {
        return source.load(plugins.references());
    }
}
