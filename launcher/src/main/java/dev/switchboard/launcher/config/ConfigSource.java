package dev.switchboard.launcher.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.LaunchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where the configuration comes from, highest precedence first: system properties
 * ({@code -Dswitchboard.endpoints.tcp.port=13000}, or HOCON for a list or an object:
 * {@code -Dswitchboard.endpoints.tcp.services=[reverse,uppercase]}), environment overrides
 * ({@code CONFIG_FORCE_switchboard_endpoints_tcp_port=13000}), the configuration file, the
 * plugins' {@code reference.conf} files, and the {@code reference.conf} files of the modules the
 * launcher ships with.
 */
public final class ConfigSource {

    private static final String PREFIX = "switchboard.";
    /** System properties of the launcher itself, which {@code bin/switchboard} sets: not settings. */
    private static final Set<String> LAUNCHER_PROPERTIES = Set.of("switchboard.home", "switchboard.training");

    private final Path file;
    private final Config overrides;
    private final Config parsedFile;
    private final Config builtInReference;

    private ConfigSource(Path file, Config overrides, Config parsedFile, Config builtInReference) {
        this.file = file;
        this.overrides = overrides;
        this.parsedFile = parsedFile;
        this.builtInReference = builtInReference;
    }

    /**
     * Reads the file and the overrides.
     *
     * @param file the configuration file
     * @param systemProperties the properties to take {@code switchboard.*} overrides from
     * @return the source
     * @throws LaunchException if the file is missing or not valid HOCON (the message names the
     *     line), or a {@code -D} value starting with {@code [} or {@code {} is not (naming it)
     */
    public static ConfigSource open(Path file, Properties systemProperties) {
        if (!Files.isRegularFile(file)) {
            throw LaunchException.badConfiguration("configuration file not found: " + file);
        }
        try {
            return new ConfigSource(file,
                    switchboardProperties(systemProperties).withFallback(ConfigFactory.systemEnvironmentOverrides()),
                    ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)),
                    ConfigFactory.defaultReferenceUnresolved(ConfigSource.class.getClassLoader()));
        } catch (ConfigException e) {
            throw LaunchException.badConfiguration(e.getMessage(), e);
        }
    }

    /**
     * The plugins folder that the {@code switchboard.plugins.dir} setting names, read before any
     * plugin is loaded (the plugins' defaults cannot change it). A folder that does not exist means
     * no plugins; anything else there must be a folder the launcher can read.
     *
     * @param home the home directory, which a relative setting is relative to
     * @return the folder, which may not exist
     * @throws LaunchException if the setting is not a string, or names something other than a
     *     readable folder
     */
    public Path pluginsDirectory(Home home) {
        String key = "switchboard.plugins.dir";
        try {
            Config config = overrides.withFallback(parsedFile).withFallback(builtInReference)
                    .resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true));
            String setting = config.getString(key);
            Path directory = home.resolve(setting);
            if (Files.exists(directory) && !(Files.isDirectory(directory) && Files.isReadable(directory))) {
                throw LaunchException.at(config.getValue(key).origin(), key, "expected a readable folder of plugins"
                        + " (or one that does not exist: no plugins), got \"" + setting + "\": " + directory
                        + (Files.isDirectory(directory) ? " cannot be read" : " is not a folder"));
            }
            return directory;
        } catch (ConfigException e) {
            throw LaunchException.badConfiguration(e.getMessage(), e);
        }
    }

    /**
     * @param pluginReferences the plugins' {@code reference.conf} contents, in precedence order
     * @return the effective configuration
     * @throws LaunchException if a substitution cannot be resolved
     */
    public EffectiveConfig load(List<Config> pluginReferences) {
        Config reference = ConfigFactory.empty();
        for (Config plugin : pluginReferences) {
            reference = reference.withFallback(plugin);
        }
        reference = reference.withFallback(builtInReference);
        try {
            Config config = overrides.withFallback(parsedFile).withFallback(reference).resolve();
            return new EffectiveConfig(config, reference, file);
        } catch (ConfigException e) {
            throw LaunchException.badConfiguration(e.getMessage(), e);
        }
    }

    /**
     * The {@code switchboard.*} system properties. A value that starts with {@code [} or {@code {}
     * is HOCON, a list or an object ({@code -Dswitchboard.endpoints.tcp.services=[reverse,uppercase]});
     * any other is a string, as Typesafe Config reads properties, so that {@code services.0=reverse}
     * gives the list's first entry.
     */
    private static Config switchboardProperties(Properties systemProperties) {
        Properties plain = new Properties();
        Config structured = ConfigFactory.empty();
        for (String name : new TreeSet<>(systemProperties.stringPropertyNames())) {
            if (!name.startsWith(PREFIX) || LAUNCHER_PROPERTIES.contains(name)) {
                continue;
            }
            String value = systemProperties.getProperty(name);
            String start = value.strip();
            if (start.startsWith("[") || start.startsWith("{")) {
                structured = structured.withValue(name, ConfigFactory.parseString("value = " + value,
                        ConfigParseOptions.defaults().setOriginDescription("-D" + name)).getValue("value"));
            } else {
                plain.setProperty(name, value);
            }
        }
        return structured.withFallback(ConfigFactory.parseProperties(plain,
                ConfigParseOptions.defaults().setOriginDescription("system properties")));
    }
}
