package dev.switchboard.launcher.plugin;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReader;
import java.lang.module.ModuleReference;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The JDK modules a plugin uses, found before its layer is defined: a modular jar names them with
 * {@code requires}; for a plain jar (an automatic module) they are the JDK modules whose exported
 * packages its classes refer to.
 *
 * <p>A JDK module can only be resolved into the boot layer, when the JVM starts: the JVM defines the
 * {@code java.*} packages to its own class loaders only, and those only in the boot layer, so a
 * plugin's layer cannot add one. {@code bin/switchboard} therefore starts the JVM with the Java SE
 * modules ({@code --add-modules java.se}). A plugin that uses a JDK module the boot layer lacks (a
 * {@code jdk.*} module, or any module under a bare {@code java -m}) is reported when it is loaded,
 * naming the module and the option that adds it, rather than failing each request with a
 * {@code NoClassDefFoundError}.
 */
final class JdkModules {

    private static final System.Logger LOG = System.getLogger("switchboard.plugins");
    private static final String BASE = "java.base";

    private final ModuleLayer boot;
    /** The JDK's modules, read once, when first needed. */
    private Jdk jdk;

    /**
     * @param modules the name of every module of the Java runtime
     * @param exporters each package a JDK module exports to all, to that module's name
     */
    private record Jdk(Set<String> modules, Map<String, String> exporters) {}

    /** @param boot the layer the plugins' layers sit over, which holds the JDK modules there are */
    JdkModules(ModuleLayer boot) {
        this.boot = boot;
    }

    /**
     * Finds the JDK modules other than {@code java.base} that the plugin's modules use and checks
     * that the boot layer has each one. Those it has are logged in one line. One that a modular jar
     * requires and the boot layer lacks refuses the plugin; one that a plain jar's classes refer to
     * is a warning, since a reference in a class file may sit on a path never taken (a library
     * probing for {@code sun.misc.Unsafe} and doing without it).
     *
     * @param plugin the plugin's name, for the log
     * @param finder the plugin's modules
     * @param roots the names of those of its modules that will be in its layer
     * @throws IllegalStateException naming a modular jar's module that requires a JDK module the
     *     boot layer lacks, and how to add it
     * @throws UncheckedIOException if a plain jar's classes cannot be read
     */
    void check(String plugin, ModuleFinder finder, Set<String> roots) {
        Map<String, String> used = new TreeMap<>(); // JDK module -> the first plugin module using it
        Map<String, String> referenced = new TreeMap<>(); // the same, for plain jars' references
        for (String root : roots) {
            ModuleDescriptor descriptor = finder.find(root).orElseThrow().descriptor();
            if (descriptor.isAutomatic()) {
                referencedBy(finder.find(root).orElseThrow()).forEach(name -> referenced.putIfAbsent(name, root));
            } else {
                requiredBy(descriptor).forEach(name -> used.putIfAbsent(name, root));
            }
        }
        used.forEach((jdkModule, user) -> {
            if (boot.findModule(jdkModule).isEmpty()) {
                throw new IllegalStateException("module " + user + " requires " + jdkModule
                        + ", a JDK module the launcher was not started with; add it with JAVA_OPTS=\"--add-modules "
                        + jdkModule + "\"");
            }
        });
        referenced.forEach((jdkModule, user) -> {
            if (boot.findModule(jdkModule).isEmpty()) {
                LOG.log(WARNING, () -> "plugin " + plugin + ": module " + user + " refers to classes of " + jdkModule
                        + ", a JDK module the launcher was not started with; if it uses them, its requests fail with"
                        + " NoClassDefFoundError: add the module with JAVA_OPTS=\"--add-modules " + jdkModule + "\"");
            } else {
                used.putIfAbsent(jdkModule, user);
            }
        });
        used.remove(BASE);
        if (!used.isEmpty()) {
            LOG.log(INFO, () -> "plugin " + plugin + " uses JDK modules " + String.join(", ", used.keySet()));
        }
    }

    private Set<String> requiredBy(ModuleDescriptor descriptor) {
        Set<String> jdkModules = jdk().modules();
        return descriptor.requires().stream()
                .filter(requires -> !requires.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
                .map(ModuleDescriptor.Requires::name)
                .filter(jdkModules::contains)
                .collect(Collectors.toSet());
    }

    /** The JDK modules whose exported packages the classes of an automatic module refer to. */
    private Set<String> referencedBy(ModuleReference module) {
        Map<String, String> exporters = jdk().exporters();
        Set<String> jdkModules = new HashSet<>();
        try (ModuleReader reader = module.open(); Stream<String> entries = reader.list()) {
            for (String entry : (Iterable<String>) entries.filter(name -> name.endsWith(".class"))::iterator) {
                Optional<ByteBuffer> classFile = reader.read(entry);
                if (classFile.isEmpty()) {
                    continue;
                }
                try {
                    for (String referenced : ClassReferences.packages(classFile.get())) {
                        String exporter = exporters.get(referenced);
                        if (exporter != null) {
                            jdkModules.add(exporter);
                        }
                    }
                } catch (IllegalArgumentException notAClass) {
                    // a resource named .class that is not one: the JVM would never load it either
                } finally {
                    reader.release(classFile.get());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classes of module " + module.descriptor().name(), e);
        }
        return jdkModules;
    }

    private Jdk jdk() {
        if (jdk == null) {
            Set<String> modules = new HashSet<>();
            Map<String, String> exporters = new HashMap<>();
            for (ModuleReference module : ModuleFinder.ofSystem().findAll()) {
                String name = module.descriptor().name();
                modules.add(name);
                for (ModuleDescriptor.Exports exports : module.descriptor().exports()) {
                    if (!exports.isQualified()) {
                        exporters.put(exports.source(), name);
                    }
                }
            }
            jdk = new Jdk(Set.copyOf(modules), Map.copyOf(exporters));
        }
        return jdk;
    }
}
