package dev.switchboard.launcher.plugin;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.launcher.LaunchException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Loads the plugins folder: every jar directly in it, and every sub-folder (a plugin with its own
 * dependencies, all its jars together), becomes a module layer of its own over the launcher's layer.
 * A plain jar becomes an automatic module whose {@code META-INF/services} entries count as
 * {@code provides}.
 *
 * <p>The launcher's modules win: a plugin that bundles a module the launcher already has (its own
 * copy of the api, say) gets the launcher's, and the copy is logged and ignored. A plugin that
 * cannot be loaded is logged, naming its jars, and the others load regardless.
 *
 * <p>Loading the folder again (a reload) keeps the layer of each plugin whose jars are the same
 * files as before, unchanged (path, size, modification time and file key), so that its classes, and
 * the endpoints using them, stay as they are; a new or replaced jar gets a new layer.
 */
public final class PluginLoader {

    private static final System.Logger LOG = System.getLogger("switchboard.plugins");
    private static final String REFERENCE = "reference.conf";

    private final ModuleLayer parent;
    private final ClassLoader parentLoader;
    private final JdkModules jdkModules;
    /** The plugins loaded last time, by name, with the files they were loaded from. */
    private final Map<String, Loaded> loadedBefore = new HashMap<>();

    /**
     * A plugin loaded, and what its jars were then.
     *
     * @param files each jar's path, size, modification time and file key
     * @param plugin the plugin
     */
    private record Loaded(List<List<Object>> files, PluginLayer plugin) {}

    /** A loader whose plugins sit over the layer that holds the launcher. */
    public PluginLoader() {
        ModuleLayer own = PluginLoader.class.getModule().getLayer();
        this.parent = own != null ? own : ModuleLayer.boot();
        this.parentLoader = PluginLoader.class.getClassLoader();
        this.jdkModules = new JdkModules(parent);
    }

    /**
     * @param directory the plugins folder; a missing folder means no plugins
     * @return the plugins loaded and those that failed, each sorted by name
     * @throws LaunchException if the folder exists but cannot be read
     */
    public synchronized Plugins load(Path directory) {
        Map<String, Loaded> before = Map.copyOf(loadedBefore);
        loadedBefore.clear();
        if (!Files.isDirectory(directory)) {
            LOG.log(DEBUG, () -> "no plugins folder at " + directory);
            return Plugins.NONE;
        }
        List<PluginLayer> loaded = new ArrayList<>();
        List<Plugins.Failure> failed = new ArrayList<>();
        for (Path entry : list(directory)) {
            boolean folder = Files.isDirectory(entry);
            if (!folder && !isJar(entry)) {
                continue;
            }
            String name = entry.getFileName() + (folder ? "/" : "");
            List<Path> jars = List.of(entry);
            try {
                if (folder) {
                    jars = list(entry).stream().filter(PluginLoader::isJar).toList();
                }
                List<List<Object>> files = files(jars);
                Loaded previous = before.get(name);
                PluginLayer plugin;
                if (previous != null && previous.files().equals(files)) {
                    plugin = previous.plugin();
                    LOG.log(DEBUG, () -> "plugin " + name + " unchanged: its layer stays");
                } else {
                    plugin = load(name, jars);
                    logLoaded(plugin);
                }
                loaded.add(plugin);
                loadedBefore.put(name, new Loaded(files, plugin));
            } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
                Plugins.Failure failure = new Plugins.Failure(name, describe(name, jars, e));
                failed.add(failure);
                LOG.log(ERROR, failure.reason());
                LOG.log(DEBUG, "plugin " + name, e);
            }
        }
        return new Plugins(loaded, failed);
    }

    /** What tells a jar replaced from the same one: its path, size, modification time and file key (the inode). */
    private static List<List<Object>> files(List<Path> jars) {
        List<List<Object>> files = new ArrayList<>();
        for (Path jar : jars) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                List<Object> file = new ArrayList<>();
                file.add(jar.toAbsolutePath().toString());
                file.add(attributes.size());
                file.add(attributes.lastModifiedTime());
                file.add(String.valueOf(attributes.fileKey()));
                files.add(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + jar.getFileName(), e);
            }
        }
        return files;
    }

    private PluginLayer load(String name, List<Path> jars) {
        if (jars.isEmpty()) {
            throw new IllegalStateException("the folder holds no jar");
        }
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        Set<String> roots = new TreeSet<>();
        for (ModuleReference module : sorted(finder.findAll())) {
            String moduleName = module.descriptor().name();
            if (parent.findModule(moduleName).isPresent()) {
                LOG.log(WARNING, () -> "plugin " + name + ": " + fileName(module)
                        + " holds module " + moduleName + ", which the launcher already has; the launcher's is used");
            } else {
                roots.add(moduleName);
            }
        }
        if (roots.isEmpty()) {
            throw new IllegalStateException("every module in it is one the launcher already has");
        }
        jdkModules.check(name, finder, roots);
        // The plugin finder comes after the parent layer's modules, so that those win over a plugin's copies.
        Configuration configuration = parent.configuration().resolveAndBind(ModuleFinder.of(), finder, roots);
        ModuleLayer layer = parent.defineModulesWithOneLoader(configuration, parentLoader);
        return new PluginLayer(name, layer,
                discover(name, layer, TransportProvider.class, TransportProvider::name),
                discover(name, layer, MessageServiceProvider.class, MessageServiceProvider::name),
                discover(name, layer, FrameCodecProvider.class, FrameCodecProvider::name),
                reference(layer));
    }

    /** The providers the plugin's own modules declare; the parent layer's, which its loader lists too, are found once, elsewhere. */
    private static <S> List<Discovered<S>> discover(
            String plugin, ModuleLayer layer, Class<S> type, Function<S, String> naming) {
        return ServiceLoader.load(layer, type).stream()
                .filter(provider -> provider.type().getModule().getLayer() == layer)
                .map(provider -> {
                    S instance = provider.get();
                    return new Discovered<>(naming.apply(instance), instance,
                            "plugin " + origin(plugin, layer, provider.type().getModule()));
                })
                .toList();
    }

    private static String origin(String plugin, ModuleLayer layer, Module module) {
        if (!plugin.endsWith("/")) {
            return plugin;
        }
        return plugin + layer.configuration().findModule(module.getName())
                .map(resolved -> fileName(resolved.reference()))
                .orElse(module.getName());
    }

    /**
     * The modules' root-level reference.conf files, which a context class loader would not see; an
     * {@code include classpath(...)} in one finds the plugin's resources and, through
     * the parent, the launcher's, such as the shared {@code switchboard-transport/endpoint.conf}.
     */
    private static Config reference(ModuleLayer layer) {
        Config merged = ConfigFactory.empty();
        List<ResolvedModule> modules = layer.configuration().modules().stream()
                .sorted(Comparator.comparing(ResolvedModule::name))
                .toList();
        for (ResolvedModule module : modules) {
            try (ModuleReader reader = module.reference().open()) {
                Optional<URI> found = reader.find(REFERENCE);
                if (found.isPresent()) {
                    ClassLoader loader = layer.findLoader(module.name());
                    merged = merged.withFallback(ConfigFactory.parseURL(found.get().toURL(),
                            ConfigParseOptions.defaults().setClassLoader(loader)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + fileName(module.reference()), e);
            }
        }
        return merged;
    }

    private static void logLoaded(PluginLayer plugin) {
        String modules = plugin.layer().modules().stream().map(Module::getName).sorted()
                .collect(Collectors.joining(", "));
        if (plugin.transports().isEmpty() && plugin.services().isEmpty() && plugin.framings().isEmpty()) {
            LOG.log(WARNING, () -> "plugin " + plugin.name() + " (" + modules + ") provides no transport, service or"
                    + " framing; a modular jar must declare its providers with 'provides' in module-info.java");
            return;
        }
        LOG.log(INFO, () -> "plugin " + plugin.name() + " (" + modules + ")"
                + names(" transports", plugin.transports()) + names(" services", plugin.services())
                + names(" framings", plugin.framings()));
    }

    private static String names(String kind, List<? extends Discovered<?>> providers) {
        return providers.isEmpty() ? ""
                : kind + " " + providers.stream().map(Discovered::name).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String describe(String name, List<Path> jars, Throwable e) {
        String files = name.endsWith("/")
                ? jars.stream().map(jar -> jar.getFileName().toString()).collect(Collectors.joining(", ", " (", ")"))
                : "";
        String reason = e instanceof ConfigException ? e.getMessage() : message(e);
        return "plugin " + name + files + " not loaded: " + reason;
    }

    /** The exception's message and its causes', which often say more (a corrupt jar's ZipException). */
    private static String message(Throwable e) {
        StringBuilder message = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !message.toString().contains(cause.getMessage())) {
                message.append(": ").append(cause.getMessage());
            }
        }
        return message.toString();
    }

    private static List<ModuleReference> sorted(Set<ModuleReference> modules) {
        return modules.stream().sorted(Comparator.comparing(module -> module.descriptor().name())).toList();
    }

    private static String fileName(ModuleReference module) {
        return module.location().map(uri -> Path.of(uri).getFileName().toString())
                .orElse(module.descriptor().name());
    }

    private static boolean isJar(Path path) {
        return path.getFileName().toString().endsWith(".jar") && Files.isRegularFile(path);
    }

    private static List<Path> list(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.filter(entry -> !entry.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw LaunchException.badConfiguration("cannot read the plugins folder " + directory + ": " + e, e);
        }
    }
}
