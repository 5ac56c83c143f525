package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.CommandLine;
import dev.switchboard.launcher.Home;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/** The options of every command that reads the configuration: {@code --config FILE} and {@code -Dsetting=value}. */
final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "the configuration file (default: <home>/config/switchboard.conf)")
    private Path config;

    @Option(names = "-D", paramLabel = "<setting>=<value>",
            description = "override one setting, such as -Dswitchboard.endpoints.tcp.port=13000")
    private Map<String, String> overrides = new LinkedHashMap<>();

    /** Options picocli fills in. */
    ConfigOptions() {}

    /**
     * @param config the configuration file, or null for the default
     * @param overrides the {@code -D} settings, in the order given
     */
    ConfigOptions(Path config, Map<String, String> overrides) {
        this.config = config;
        this.overrides = new LinkedHashMap<>(overrides);
    }

    /** @return what the launcher's object graph takes from the command line */
    CommandLine commandLine() {
        return new CommandLine(Optional.ofNullable(config));
    }

    /**
     * @param home the installation directory
     * @return the configuration file to read
     */
    Path file(Home home) {
        return config != null ? config : home.defaultConfig();
    }

    /**
     * @param systemProperties the process's properties (which {@code bin/switchboard} has already
     *     given its {@code -D} arguments)
     * @return a copy of them with this command line's {@code -D} settings over them
     */
    Properties properties(Properties systemProperties) {
        Properties properties = new Properties();
        for (String name : systemProperties.stringPropertyNames()) {
            properties.setProperty(name, systemProperties.getProperty(name));
        }
        overrides.forEach(properties::setProperty);
        return properties;
    }
}
