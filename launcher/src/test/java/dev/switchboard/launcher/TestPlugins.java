package dev.switchboard.launcher;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The example plugins' jars, which the build passes in, and plugin jars built in the test itself:
 * plain jars with {@code META-INF/services} only (services, a framing, a transport on the stream
 * toolkit), and modular jars whose descriptors require a
 * module that is not there.
 */
public final class TestPlugins {

    private static final String SERVICE_PROVIDER = "dev.switchboard.api.MessageServiceProvider";

    private TestPlugins() {}

    /** @return the api jar the launcher runs with */
    public static Path apiJar() {
        return moduleLocation("dev.switchboard.api");
    }

    /** @return the jar (or the classes folder) of one of the launcher's modules */
    private static Path moduleLocation(String module) {
        return ModuleLayer.boot().configuration().findModule(module)
                .flatMap(resolved -> resolved.reference().location())
                .map(Path::of)
                .orElseThrow();
    }

    /** @return the example plugin's jar, which the build passes in */
    public static Path reverseJar() {
        return Path.of(System.getProperty("test.reverse-jar"));
    }

    /** @return the example framing plugin's jar, which the build passes in */
    public static Path netstringJar() {
        return Path.of(System.getProperty("test.netstring-jar"));
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
        return serviceJar(directory, jarName, name, "s + \"" + suffix + "\"");
    }

    /**
     * A plain jar providing a service named {@code sqltime} that appends {@code @} and the instant of
     * {@code new java.sql.Timestamp(0)}, so that each request uses the JDK module {@code java.sql}.
     *
     * @param directory where to build it
     * @return the jar, named {@code sqltime.jar}
     */
    public static Path sqlServiceJar(Path directory) {
        return serviceJar(directory, "sqltime.jar", "sqltime", "s + \"@\" + new java.sql.Timestamp(0L).toInstant()");
    }

    /**
     * A plain jar providing a service named {@code vector} that uses the incubating JDK module
     * {@code jdk.incubator.vector}, which no JVM resolves unless told to.
     *
     * @param directory where to build it
     * @return the jar, named {@code vector.jar}
     */
    public static Path incubatorServiceJar(Path directory) {
        return serviceJar(directory, "vector.jar", "vector",
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
    private static Path serviceJar(Path directory, String jarName, String name, String transformation,
            String... javacOptions) {
        return plainJar(directory, jarName, name, SERVICE_PROVIDER, Map.of(), List.of(javacOptions), """
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
                """.formatted(packageOf(name), name, transformation), apiJar());
    }

    /**
     * A plain jar providing a framing named {@code name}, built against the api only: each frame ends
     * with {@code !}, and so does each reply.
     *
     * @param directory where to build it
     * @param jarName the jar's file name
     * @param name the framing's name
     * @return the jar
     */
    public static Path plainFramingJar(Path directory, String jarName, String name) {
        return plainJar(directory, jarName, name, "dev.switchboard.api.FrameCodecProvider", Map.of(), List.of(), """
                package %s;

                import dev.switchboard.api.FrameCodec;
                import dev.switchboard.api.FrameCodecContext;
                import dev.switchboard.api.FrameCodecProvider;
                import dev.switchboard.api.Reply;
                import java.nio.ByteBuffer;

                public final class Provider implements FrameCodecProvider {
                    private static final byte[] BANG = {'!'};

                    public String name() {
                        return "%s";
                    }

                    public FrameCodec create(FrameCodecContext context) {
                        int max = context.maxMessageBytes();
                        return new FrameCodec() {
                            public int decode(ByteBuffer in, int searchFrom) {
                                for (int i = searchFrom; i < in.limit(); i++) {
                                    if (in.get(i) == '!') {
                                        if (i - in.position() > max) {
                                            return TOO_LARGE;
                                        }
                                        in.limit(i);
                                        return i + 1;
                                    }
                                }
                                return in.remaining() > max ? TOO_LARGE : NEED_MORE;
                            }

                            public int decodeLast(ByteBuffer in) {
                                return NEED_MORE;
                            }

                            public int maxFrameBytes() {
                                return max + 1;
                            }

                            public void prepare(Reply reply) {
                                reply.clear(0, 1);
                            }

                            public ByteBuffer encode(Reply reply, int requestTrailerBytes) {
                                return reply.appendTrailer(BANG, 0, 1).frame();
                            }
                        };
                    }
                }
                """.formatted(packageOf(name), name), apiJar());
    }

    /**
     * A plain jar providing an endpoint observer, as an exporter would: it counts every endpoint's
     * connections opened and requests served in system properties {@code <prefix>.<endpoint>.opened}
     * and {@code <prefix>.<endpoint>.served}, which a test reads across the plugin's layer.
     *
     * @param directory where to build it
     * @param jarName the jar's file name
     * @param prefix what the system properties' names begin with
     * @return the jar
     */
    public static Path plainObserverJar(Path directory, String jarName, String prefix) {
        return plainJar(directory, jarName, "observer", "dev.switchboard.api.EndpointObserverProvider", Map.of(), List.of(), """
                package %s;

                import dev.switchboard.api.EndpointObserver;
                import dev.switchboard.api.EndpointObserverProvider;
                import java.util.concurrent.atomic.AtomicLong;

                public final class Provider implements EndpointObserverProvider {
                    public EndpointObserver observe(String endpoint, String transport) {
                        String prefix = "%s." + endpoint;
                        AtomicLong opened = new AtomicLong();
                        AtomicLong served = new AtomicLong();
                        return new EndpointObserver() {
                            public void connectionOpened() {
                                System.setProperty(prefix + ".opened", Long.toString(opened.incrementAndGet()));
                            }

                            public void requestServed(long serviceNanos) {
                                System.setProperty(prefix + ".served", Long.toString(served.incrementAndGet()));
                            }
                        };
                    }
                }
                """.formatted(packageOf("observer"), prefix), apiJar());
    }

    /**
     * A plain jar providing a framing named {@code name} whose decoding fails with an {@link Error},
     * which nothing on an event loop contains: the fault that kills the loop reading with it.
     *
     * @param directory where to build it
     * @param jarName the jar's file name
     * @param name the framing's name
     * @return the jar
     */
    public static Path fatalFramingJar(Path directory, String jarName, String name) {
        String pkg = "com.example." + name.replace('-', '_');
        Path source = directory.resolve(jarName + "-src").resolve(pkg.replace('.', '/') + "/Provider.java");
        write(source, """
                package %s;

                import dev.switchboard.api.FrameCodec;
                import dev.switchboard.api.FrameCodecContext;
                import dev.switchboard.api.FrameCodecProvider;
                import java.nio.ByteBuffer;

                public final class Provider implements FrameCodecProvider {
                    public String name() {
                        return "%s";
                    }

                    public FrameCodec create(FrameCodecContext context) {
                        return new FrameCodec() {
                            public int decode(ByteBuffer in, int searchFrom) {
                                throw new InternalError("a fault injected by the test");
                            }

                            public int decodeLast(ByteBuffer in) {
                                return NEED_MORE;
                            }

                            public int maxFrameBytes() {
                                return context.maxMessageBytes();
                            }
                        };
                    }
                }
                """.formatted(pkg, name));
        Path classes = directory.resolve(jarName + "-classes");
        javac("--release", "17", "-cp", apiJar().toString(), "-d", classes.toString(), source.toString());
        write(classes.resolve("META-INF/services/dev.switchboard.api.FrameCodecProvider"), pkg + ".Provider\n");
        return jar(classes, directory.resolve(jarName));
    }

    /**
     * A plain jar providing a transport named {@code name} built on the stream-transport toolkit, as
     * a third party builds one against the exported api and toolkit only: a TCP binding of its own,
     * and a {@code reference.conf} that includes the shared settings from the launcher's modules.
     *
     * @param directory where to build it
     * @param jarName the jar's file name
     * @param name the transport's name
     * @return the jar
     */
    public static Path plainStreamTransportJar(Path directory, String jarName, String name) {
        String reference = """
                switchboard.transports.%s {
                  include required(classpath("switchboard-transport/inet.conf"))
                  include required(classpath("switchboard-transport/endpoint.conf"))
                  include required(classpath("switchboard-transport-stream/stream.conf"))
                }
                """.formatted(name);
        return plainJar(directory, jarName, name, "dev.switchboard.api.TransportProvider",
                Map.of("reference.conf", reference), List.of(), """
                package %s;

                import dev.switchboard.api.Transport;
                import dev.switchboard.api.TransportContext;
                import dev.switchboard.api.TransportProvider;
                import dev.switchboard.transport.Addresses;
                import dev.switchboard.transport.stream.StreamBinding;
                import dev.switchboard.transport.stream.StreamSettings;
                import dev.switchboard.transport.stream.StreamTransport;
                import java.io.IOException;
                import java.net.InetSocketAddress;
                import java.net.SocketAddress;
                import java.nio.channels.ServerSocketChannel;

                public final class Provider implements TransportProvider {
                    public String name() {
                        return "%s";
                    }

                    public Transport create(TransportContext context) {
                        InetSocketAddress address = Addresses.bindAddress(context.settings());
                        return new StreamTransport(context, StreamSettings.from(context), new StreamBinding() {
                            public SocketAddress address() {
                                return address;
                            }

                            public ServerSocketChannel bind(int backlog) throws IOException {
                                return ServerSocketChannel.open(Addresses.family(address)).bind(address, backlog);
                            }
                        });
                    }
                }
                """.formatted(packageOf(name), name),
                apiJar(), moduleLocation("dev.switchboard.transport"), moduleLocation("dev.switchboard.transport.stream"));
    }

    private static String packageOf(String name) {
        return "com.example." + name.replace('-', '_');
    }

    /**
     * A plain jar holding one provider, {@code com.example.<name>.Provider}, declared in
     * {@code META-INF/services}.
     *
     * @param service the provider's interface
     * @param resources more files for the jar, by path
     * @param javacOptions more options for javac
     * @param source the provider's source
     * @param classPath what it compiles against
     */
    private static Path plainJar(Path directory, String jarName, String name, String service,
            Map<String, String> resources, List<String> javacOptions, String source, Path... classPath) {
        String pkg = packageOf(name);
        Path sourceFile = directory.resolve(jarName + "-src").resolve(pkg.replace('.', '/') + "/Provider.java");
        write(sourceFile, source);
        Path classes = directory.resolve(jarName + "-classes");
        String path = Arrays.stream(classPath).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-cp", path, "-d", classes.toString()));
        args.addAll(javacOptions);
        args.add(sourceFile.toString());
        javac(args.toArray(String[]::new));
        write(classes.resolve("META-INF/services/" + service), pkg + ".Provider\n");
        resources.forEach((file, content) -> write(classes.resolve(file), content));
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
