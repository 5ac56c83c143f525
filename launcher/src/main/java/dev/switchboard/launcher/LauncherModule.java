package dev.switchboard.launcher;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.switchboard.launcher.config.ConfigSource;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.plugin.Plugins;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import dev.switchboard.launcher.reload.ConfigInputs;
import dev.switchboard.launcher.reload.CurrentConfiguration;
import jakarta.inject.Singleton;
import java.util.Properties;

/**
 * The launcher's object graph: the configuration file and overrides, the plugins, the effective
 * configuration (which includes the plugins' defaults), the provider registry (those three as they
 * are now: {@link CurrentConfiguration}, which a reload replaces), and through
 * constructor injection the endpoint factory, the server and its reloader. Each part can be replaced in tests
 * with {@code Modules.override(new LauncherModule(...)).with(...)}.
 */
public final class LauncherModule extends AbstractModule {

    private final CommandLine commandLine;
    private final Home home;
    private final Properties systemProperties;

    /**
     * @param commandLine what the command line asks for
     * @param home the installation directory
     * @param systemProperties where {@code switchboard.*} overrides come from
     */
    public LauncherModule(CommandLine commandLine, Home home, Properties systemProperties) {
        this.commandLine = commandLine;
        this.home = home;
        this.systemProperties = systemProperties;
    }

    @Override
    protected void configure() {
        bind(CommandLine.class).toInstance(commandLine);
        bind(Home.class).toInstance(home);
    }

    @Provides
    ConfigInputs configInputs() {
        return new ConfigInputs(commandLine.config().orElseGet(home::defaultConfig), systemProperties);
    }

    @Provides
    @Singleton
    ConfigSource configSource(ConfigInputs inputs) {
        return ConfigSource.open(inputs.file(), inputs.systemProperties());
    }

    @Provides
    Plugins plugins(CurrentConfiguration current) {
        return current.current().plugins();
    }

    @Provides
    EffectiveConfig effectiveConfig(CurrentConfiguration current) {
        return current.current().config();
    }

    @Provides
    ProviderRegistry providers(CurrentConfiguration current) {
        return current.current().providers();
    }
}
