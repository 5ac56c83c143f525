package dev.switchboard.launcher;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Scopes;
import dev.switchboard.launcher.config.ConfigSource;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.endpoint.Admin;
import dev.switchboard.launcher.endpoint.EndpointFactory;
import dev.switchboard.launcher.endpoint.EndpointObservers;
import dev.switchboard.launcher.endpoint.FatalFailures;
import dev.switchboard.launcher.endpoint.ProcessMemoryBudget;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.plugin.PluginLoader;
import dev.switchboard.launcher.plugin.Plugins;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import dev.switchboard.launcher.reload.ConfigInputs;
import dev.switchboard.launcher.reload.CurrentConfiguration;
import dev.switchboard.launcher.reload.Reloader;
import java.util.Properties;

/**
 * The launcher's object graph: the configuration file and overrides, the plugins, the effective
 * configuration (which includes the plugins' defaults), the provider registry (those three as they
 * are now: {@link CurrentConfiguration}, which a reload replaces), the endpoint factory, the server,
 * the admin endpoint and the reloader. Each part can be replaced in tests with
 * {@code Modules.override(new LauncherModule(...)).with(...)}.
 *
 * <p>Every binding says how its object is made, in code: Guice reads no annotations and calls no
 * constructor reflectively. Reading an annotation makes the JVM generate a proxy class for its type
 * at every start, and a reflective call spins method-handle classes; neither can be kept in the
 * class-data sharing archive, and together they were a fifth of the start to the first bound port
 * (docs/DECISIONS.md).
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

        Provider<ConfigInputs> inputs = getProvider(ConfigInputs.class);
        Provider<ConfigSource> source = getProvider(ConfigSource.class);
        Provider<PluginLoader> loader = getProvider(PluginLoader.class);
        Provider<CurrentConfiguration> current = getProvider(CurrentConfiguration.class);
        Provider<Plugins> plugins = getProvider(Plugins.class);
        Provider<EffectiveConfig> config = getProvider(EffectiveConfig.class);
        Provider<ProviderRegistry> providers = getProvider(ProviderRegistry.class);
        Provider<FatalFailures> fatalFailures = getProvider(FatalFailures.class);
        Provider<ProcessMemoryBudget> memoryBudget = getProvider(ProcessMemoryBudget.class);
        Provider<Admin> admin = getProvider(Admin.class);
        Provider<EndpointObservers> observers = getProvider(EndpointObservers.class);
        Provider<EndpointFactory> factory = getProvider(EndpointFactory.class);
        Provider<Server> server = getProvider(Server.class);

        bind(ConfigInputs.class).toProvider(
                () -> new ConfigInputs(commandLine.config().orElseGet(home::defaultConfig), systemProperties));
        bind(ConfigSource.class).toProvider(() -> {
            ConfigInputs read = inputs.get();
            return ConfigSource.open(read.file(), read.systemProperties());
        }).in(Scopes.SINGLETON);
        bind(PluginLoader.class).toProvider(PluginLoader::new).in(Scopes.SINGLETON);
        bind(CurrentConfiguration.class).toProvider(() -> new CurrentConfiguration(source, home, loader.get()))
                .in(Scopes.SINGLETON);
        bind(Plugins.class).toProvider(() -> current.get().current().plugins());
        bind(EffectiveConfig.class).toProvider(() -> current.get().current().config());
        bind(ProviderRegistry.class).toProvider(() -> current.get().current().providers());
        bind(FatalFailures.class).toProvider(FatalFailures::new).in(Scopes.SINGLETON);
        bind(ProcessMemoryBudget.class).toProvider(ProcessMemoryBudget::new).in(Scopes.SINGLETON);
        bind(Admin.class).toProvider(() -> new Admin(config.get(), memoryBudget.get())).in(Scopes.SINGLETON);
        bind(EndpointObservers.class).toProvider(() -> new EndpointObservers(admin.get(), plugins.get()))
                .in(Scopes.SINGLETON);
        bind(EndpointFactory.class).toProvider(() -> new EndpointFactory(config.get(), providers.get(),
                fatalFailures.get(), memoryBudget.get(), observers.get()));
        bind(Server.class).toProvider(() -> new Server(factory.get())).in(Scopes.SINGLETON);
        bind(Reloader.class).toProvider(() -> new Reloader(server.get(), inputs.get(), home, loader.get(),
                fatalFailures.get(), memoryBudget.get(), observers.get(), current.get())).in(Scopes.SINGLETON);
    }
}
