package dev.switchboard.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Plugin jars built in the test itself: plain jars with {@code META-INF/services} only, and
 * modular jars whose descriptors require a module that is not there.
 */
public final class TestPlugins {

    private static final String SERVICE_PROVIDER = "dev.switchboard.api.MessageServiceProvider";

    private TestPlugins() {}

    /** @return the api jar the launcher runs with */
    public static Path apiJar() {
        return ModuleLayer.boot().configuration().findModule("dev.switchboard.api")
                .flatMap(module -> module.reference().location())
                .map(Path::of)
                .orElseThrow();
    }

    /** @return the example plugin's jar, which the build passes in */
    public static Path reverseJar() {
        return Path.of(System.getProperty("test.reverse-jar"));
    }

    /**
     * A plain jar (an automatic module in a layer) providing a service named {@code name} that
     * appends {@code suffix}.
     *
     * @param directory where to build it
     * @param jarName the jar's file name, which names the automatic module
     * @param name the service's name
     * @param suffix what the service appends
     * @return the jar
     */
    public static Path plainServiceJar(Path directory, String jarName, String name, String suffix) {
        return plainJar(directory, jarName, name, "s + \"" + suffix + "\"");
    }

    /**
     * A plain jar providing a service named {@code sqltime} that appends {@code @} and the instant of
     * {@code new java.sql.Timestamp(0)}, so that each request uses the JDK module {@code java.sql}.
     *
     * @param directory where to build it
     * @return the jar, named {@code sqltime.jar}
     */
    public static Path sqlServiceJar(Path directory) {
        return plainJar(directory, "sqltime.jar", "sqltime", "s + \"@\" + new java.sql.Timestamp(0L).toInstant()");
    }

    /**
     * A plain jar providing a service named {@code vector} that uses the incubating JDK module
     * {@code jdk.incubator.vector}, which no JVM resolves unless told to.
     *
     * @param directory where to build it
     * @return the jar, named {@code vector.jar}
     */
    public static Path incubatorServiceJar(Path directory) {
        return plainJar(directory, "vector.jar", "vector",
                "s + jdk.incubator.vector.IntVector.SPECIES_64.length()", "--add-modules", "jdk.incubator.vector");
    }

    /**
     * A modular jar, module {@code vector.plugin}, providing a service named {@code vector} and
     * requiring the incubating JDK module {@code jdk.incubator.vector}.
     *
     * @param directory where to build it
     * @return the jar, named {@code vector-module.jar}
     */
    public static Path incubatorModularJar(Path directory) {
        Path sources = directory.resolve("vector-module-src");
        write(sources.resolve("vector.plugin/module-info.java"), """
                module vector.plugin {
                    requires dev.switchboard.api;
                    requires jdk.incubator.vector;
                    provides dev.switchboard.api.MessageServiceProvider with vector.plugin.Provider;
                }
                """);
        write(sources.resolve("vector.plugin/vector/plugin/Provider.java"), """
                package vector.plugin;

                public final class Provider implements dev.switchboard.api.MessageServiceProvider {
                    public String name() {
                        return "vector";
                    }

                    public dev.switchboard.api.MessageService create(dev.switchboard.api.ServiceContext context) {
                        return dev.switchboard.api.MessageService.ofText(
                                s -> s + jdk.incubator.vector.IntVector.SPECIES_64.length());
                    }
                }
                """);
        Path classes = directory.resolve("vector-module-classes");
        javac("--release", "17", "--module-path", apiJar().toString(), "--module-source-path", sources.toString(),
                "-d", classes.toString(), "--module", "vector.plugin");
        return jar(classes.resolve("vector.plugin"), directory.resolve("vector-module.jar"));
    }

    /**
     * Compiles one class against the JDK alone.
     *
     * @param directory where to put its source and class file
     * @param className its simple name, in the unnamed package
     * @param source its source
     * @return its class file
     */
    public static Path compile(Path directory, String className, String source) {
        write(directory.resolve(className + ".java"), source);
        javac("--release", "17", "-d", directory.toString(), directory.resolve(className + ".java").toString());
        return directory.resolve(className + ".class");
    }

    /** A plain jar whose service named {@code name} answers {@code transformation} of its request {@code s}. */
    private static Path plainJar(Path directory, String jarName, String name, String transformation,
            String... javacOptions) {
        String pkg = "com.example." + name.replace('-', '_');
        Path sources = directory.resolve(jarName + "-src");
        write(sources.resolve(pkg.replace('.', '/') + "/Provider.java"), """
                package %s;

                import dev.switchboard.api.MessageService;
                import dev.switchboard.api.MessageServiceProvider;
                import dev.switchboard.api.ServiceContext;

                public final class Provider implements MessageServiceProvider {
                    public String name() {
                        return "%s";
                    }

                    public MessageService create(ServiceContext context) {
                        return MessageService.ofText(s -> %s);
                    }
                }
                """.formatted(pkg, name, transformation));
        Path classes = directory.resolve(jarName + "-classes");
        List<String> args = new ArrayList<>(List.of("--release", "17", "-cp", apiJar().toString(), "-d", classes.toString()));
        args.addAll(List.of(javacOptions));
        args.add(sources.resolve(pkg.replace('.', '/') + "/Provider.java").toString());
        javac(args.toArray(String[]::new));
        write(classes.resolve("META-INF/services/" + SERVICE_PROVIDER), pkg + ".Provider\n");
        return jar(classes, directory.resolve(jarName));
    }

    /**
     * A modular jar, module {@code broken.plugin}, that provides a service but requires module
     * {@code missing.dependency}, which is compiled alongside and left out.
     *
     * @param directory where to build it
     * @return the jar, named {@code broken.jar}
     */
    public static Path brokenModularJar(Path directory) {
        Path sources = directory.resolve("broken-src");
        write(sources.resolve("missing.dependency/module-info.java"), "module missing.dependency {}\n");
        write(sources.resolve("broken.plugin/module-info.java"), """
                module broken.plugin {
                    requires dev.switchboard.api;
                    requires missing.dependency;
                    provides dev.switchboard.api.MessageServiceProvider with broken.plugin.Provider;
                }
                """);
        write(sources.resolve("broken.plugin/broken/plugin/Provider.java"), """
                package broken.plugin;

                public final class Provider implements dev.switchboard.api.MessageServiceProvider {
                    public String name() {
                        return "broken";
                    }

                    public dev.switchboard.api.MessageService create(dev.switchboard.api.ServiceContext context) {
                        return dev.switchboard.api.MessageService.ofText(s -> s);
                    }
                }
                """);
        Path classes = directory.resolve("broken-classes");
        javac("--release", "17", "--module-path", apiJar().toString(), "--module-source-path", sources.toString(),
                "-d", classes.toString(), "--module", "broken.plugin,missing.dependency");
        return jar(classes.resolve("broken.plugin"), directory.resolve("broken.jar"));
    }

    private static void javac(String... args) {
        StringWriter output = new StringWriter();
        PrintWriter writer = new PrintWriter(output);
        int status = ToolProvider.findFirst("javac").orElseThrow().run(writer, writer, args);
        if (status != 0) {
            throw new IllegalStateException("javac failed: " + output);
        }
    }

    private static Path jar(Path classes, Path jar) {
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> files = Files.walk(classes)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(path).toString().replace('\\', '/')));
                out.write(Files.readAllBytes(path));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    private static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
