package dev.switchboard.launcher.reload;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.LaunchException;
import dev.switchboard.launcher.config.ConfigSource;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.EndpointFactory;
import dev.switchboard.launcher.endpoint.EndpointObservers;
import dev.switchboard.launcher.endpoint.FatalFailures;
import dev.switchboard.launcher.endpoint.ProcessMemoryBudget;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.plugin.PluginLoader;
import dev.switchboard.launcher.plugin.Plugins;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reloads the configuration and the plugins into a serving {@link Server}: reads the file and rescans
 * the plugins folder as a start does, creates every endpoint (which validates every setting), and
 * only if all of that succeeds changes what serves, by endpoint name ({@link EndpointChanges}):
 * added endpoints and the new addresses of moved ones start first (if one cannot, those started are
 * stopped and nothing changes), changed services are switched in on the serving transports, new
 * transport settings on the same address are taken over on the serving sockets
 * ({@link Endpoint#takenOverBy}, or left for a restart where the transport cannot), and the
 * endpoints removed or moved away from drain within their shutdown grace. A plugin that fails to load
 * refuses the reload, as it fails {@code switchboard check}. Plugin layers no endpoint uses any more
 * are let go ({@link PluginLayers}). One reload at a time.
 */
@Singleton
public final class Reloader {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private final Server server;
    private final ConfigInputs inputs;
    private final Home home;
    private final PluginLoader loader;
    private final FatalFailures fatalFailures;
    private final ProcessMemoryBudget memoryBudget;
    /** The observers of the endpoints the last start or reload created; replaced by a reload that applies. */
    private EndpointObservers observers;
    private final PluginLayers layers;
    private final CurrentConfiguration current;

    /**
     * @param server the server to reload
     * @param inputs the configuration file and the system properties it started with
     * @param home the installation directory
     * @param loader the loader that loaded the plugins at start, which keeps the unchanged ones' layers
     * @param fatalFailures where every transport reports a serving thread that died
     * @param memoryBudget the process's one budget
     * @param observers what observes every endpoint: those found at start, which a reload rescans in
     *     the plugins it loads
     * @param current the plugins and configuration serving now, which a reload that applies replaces
     */
    @Inject
    public Reloader(Server server, ConfigInputs inputs, Home home, PluginLoader loader, FatalFailures fatalFailures,
            ProcessMemoryBudget memoryBudget, EndpointObservers observers, CurrentConfiguration current) {
        this.server = server;
        this.inputs = inputs;
        this.home = home;
        this.loader = loader;
        this.fatalFailures = fatalFailures;
        this.memoryBudget = memoryBudget;
        this.observers = observers;
        this.current = current;
        this.layers = new PluginLayers(current.current().plugins());
    }

    /**
     * Reloads, logging what changed, or why nothing did.
     *
     * @return whether the new configuration now serves; false if it was refused (the server serves
     *     as before) or the server is not serving
     */
    public synchronized boolean reload() {
        LOG.log(INFO, "reloading " + inputs.file());
        List<Endpoint> created;
        CurrentConfiguration.Loaded loaded;
        EndpointObservers rescanned;
        try {
            ConfigSource source = ConfigSource.open(inputs.file(), inputs.systemProperties());
            Plugins plugins = loader.load(source.pluginsDirectory(home));
            if (!plugins.failed().isEmpty()) {
                LOG.log(ERROR, "reload refused, nothing changed: " + plugins.failed().size() + " plugin"
                        + (plugins.failed().size() == 1 ? "" : "s") + " could not be loaded (logged above)");
                return false;
            }
            EffectiveConfig config = source.load(plugins.references());
            loaded = new CurrentConfiguration.Loaded(plugins, config, ProviderRegistry.discover(plugins));
            rescanned = observers.withPlugins(plugins);
            created = new EndpointFactory(config, loaded.providers(), fatalFailures, memoryBudget, rescanned)
                    .createAll();
        } catch (LaunchException e) {
            LOG.log(ERROR, e.getMessage());
            LOG.log(DEBUG, "the reload failure in detail", e);
            LOG.log(ERROR, "reload refused, nothing changed: the configuration above is not valid");
            return false;
        }
        List<Endpoint> retired = new ArrayList<>();
        EndpointChanges[] planned = new EndpointChanges[1];
        List<String> leftForRestart = new ArrayList<>();
        boolean applied;
        try {
            applied = server.reconfigure(serving -> {
                EndpointChanges changes = EndpointChanges.between(serving, created);
                planned[0] = changes;
                List<Endpoint> next = apply(changes, created, retired, leftForRestart);
                server.retire(retired); // under the server's lock: a stop from now on waits for these drains
                return next;
            });
        } catch (LaunchException e) {
            LOG.log(ERROR, e.getMessage());
            LOG.log(ERROR, "reload refused, nothing changed: an endpoint could not start");
            return false;
        }
        if (!applied) {
            created.forEach(Endpoint::closeServices);
            LOG.log(WARNING, "reload skipped: the server is not serving");
            return false;
        }
        current.replace(loaded);
        observers = rescanned;
        layers.update(loaded.plugins(), server.endpoints());
        LOG.log(INFO, "reloaded " + inputs.file() + ": " + planned[0].summary(leftForRestart.size()));
        return true;
    }

    /**
     * Under the server's lock: starts, switches, takes over and collects what retires (and the names of
     * the endpoints whose transport settings are left for a restart); returns what serves next.
     */
    private static List<Endpoint> apply(EndpointChanges changes, List<Endpoint> created, List<Endpoint> retired,
            List<String> leftForRestart) {
        List<Endpoint> starting = new ArrayList<>(changes.added());
        changes.moved().forEach(pair -> starting.add(pair.next()));
        startAll(starting, created);
        List<Endpoint> next = new ArrayList<>();
        for (Endpoint endpoint : created) {
            next.add(endpoint);
        }
        for (EndpointChanges.Pair pair : changes.unchanged()) {
            pair.next().closeServices();
            replace(next, pair.next(), pair.serving());
        }
        for (Endpoint endpoint : changes.added()) {
            LOG.log(INFO, "endpoint " + endpoint.name() + " added: " + endpoint.description());
        }
        for (EndpointChanges.Pair pair : changes.moved()) {
            retired.add(pair.serving());
            LOG.log(INFO, "endpoint " + pair.serving().name() + " moved: " + pair.next().description()
                    + " serves; " + pair.serving().description() + " drains");
        }
        for (EndpointChanges.Pair pair : changes.switched()) {
            replace(next, pair.next(), switched(pair));
        }
        for (EndpointChanges.Pair pair : changes.pinned()) {
            replace(next, pair.next(), takenOver(pair, leftForRestart));
        }
        for (Endpoint endpoint : changes.removed()) {
            retired.add(endpoint);
            LOG.log(INFO, "endpoint " + endpoint.name() + " removed: it drains within its shutdown grace of "
                    + endpoint.shutdownGrace().toMillis() + " ms");
        }
        return next;
    }

    /** Starts the endpoints in order; if one cannot, stops those started, closes every created service, and throws. */
    private static void startAll(List<Endpoint> starting, List<Endpoint> created) {
        List<Endpoint> started = new ArrayList<>();
        for (Endpoint endpoint : starting) {
            try {
                endpoint.start();
                started.add(endpoint);
            } catch (IOException | RuntimeException e) {
                for (Endpoint undo : started) {
                    undo.stop();
                }
                created.forEach(Endpoint::closeServices);
                throw LaunchException.startFailed("endpoint " + endpoint.name() + ": cannot start: "
                        + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
            }
        }
    }

    /**
     * The new endpoint serving on the serving one's sockets, whose transport retires; or, if the new
     * transport cannot take over, the serving one with its transport settings (named in
     * {@code leftForRestart}) and the new services if it can switch to them.
     */
    private static Endpoint takenOver(EndpointChanges.Pair pair, List<String> leftForRestart) {
        Endpoint serving = pair.serving();
        try {
            Endpoint now = serving.takenOverBy(pair.next());
            LOG.log(INFO, "endpoint " + serving.name() + " took its new transport settings over without closing its"
                    + " sockets; connections already open keep the previous ones: " + now.description());
            return now;
        } catch (UnsupportedOperationException | IllegalStateException | IOException e) {
            leftForRestart.add(serving.name());
            LOG.log(WARNING, "endpoint " + serving.name() + ": its transport settings changed on the same"
                    + " address, which its transport cannot apply without closing its listening socket and"
                    + " connections (" + (e.getMessage() == null ? e.toString() : e.getMessage()) + ");"
                    + " they apply at the next restart, and it serves with the previous ones until then");
            return serving.blueprint().sameServices(pair.next().blueprint()) ? unswitched(pair) : switched(pair);
        }
    }

    /** The serving endpoint with the new services, or as it was if its transport cannot switch. */
    private static Endpoint switched(EndpointChanges.Pair pair) {
        Endpoint serving = pair.serving();
        try {
            Endpoint now = serving.switchedTo(pair.next());
            LOG.log(INFO, "endpoint " + serving.name() + " switched from " + serving.serviceNames() + " to "
                    + now.serviceNames() + ", its connections open: " + now.description());
            return now;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            pair.next().closeServices();
            LOG.log(WARNING, "endpoint " + serving.name() + ": its services stay " + serving.serviceNames()
                    + " until a restart: " + e.getMessage());
            return serving;
        }
    }

    private static Endpoint unswitched(EndpointChanges.Pair pair) {
        pair.next().closeServices();
        return pair.serving();
    }

    private static void replace(List<Endpoint> endpoints, Endpoint created, Endpoint serving) {
        endpoints.set(endpoints.indexOf(created), serving);
    }
}
