package dev.switchboard.launcher;

import static java.lang.System.Logger.Level.INFO;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.util.Modules;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.EndpointFactory;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.plugin.Plugins;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Properties;

/** Does what the command line asks for with the objects the injector wires. */
public final class Launcher {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private final Injector injector;

    /** @param injector an injector built from a {@link LauncherModule}, possibly overridden */
    public Launcher(Injector injector) {
        this.injector = injector;
    }

    /**
     * @param commandLine what the command line asks for
     * @param home the installation directory
     * @param systemProperties where {@code switchboard.*} overrides come from
     * @param overrides bindings that replace the {@link LauncherModule}'s, for tests
     * @return a launcher over a new injector
     */
    public static Launcher create(CommandLine commandLine, Home home, Properties systemProperties,
            Module... overrides) {
        Module module = new LauncherModule(commandLine, home, systemProperties);
        // Modules.override records every binding twice over: only worth it when there is something to override.
        return new Launcher(Guice.createInjector(
                overrides.length == 0 ? module : Modules.override(module).with(overrides)));
    }

    /**
     * Creates and starts every endpoint, then logs how long the process took to get ready.
     *
     * @return the server, serving
     * @throws LaunchException if the configuration is bad or an endpoint cannot start
     */
    public Server start() {
        Server server = get(Server.class);
        server.start();
        long ready = System.currentTimeMillis();
        // The JVM's own start time: ProcessHandle's is derived from the boot time in whole seconds.
        LOG.log(INFO, "ready in " + (ready - ManagementFactory.getRuntimeMXBean().getStartTime()) + " ms");
        return server;
    }

    /**
     * Loads the configuration and plugins and creates every endpoint without binding anything, then
     * prints one line per endpoint.
     *
     * @param out where the plan goes
     * @return the exit status: 0, or {@link LaunchException#BAD_CONFIGURATION} if a plugin failed to load
     * @throws LaunchException if the configuration is bad
     */
    public int check(PrintStream out) {
        Plugins plugins = get(Plugins.class);
        List<Endpoint> endpoints = get(EndpointFactory.class).createAll();
        endpoints.forEach(endpoint -> out.println(endpoint.description()));
        endpoints.forEach(Endpoint::closeServices);
        return plugins.failed().isEmpty() ? 0 : LaunchException.BAD_CONFIGURATION;
    }

    /**
     * @param type a type in the graph
     * @return its instance
     * @throws LaunchException the launch failure that creating it met, unwrapped from Guice's
     */
    public <T> T get(Class<T> type) {
        try {
            return injector.getInstance(type);
        } catch (ProvisionException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof LaunchException launch) {
                    throw launch;
                }
            }
            throw e;
        }
    }
}
