package dev.switchboard.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.launcher.plugin.Discovered;
import dev.switchboard.launcher.plugin.Plugins;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Plugins from the plugins folder, each in a module layer of its own. */
@Timeout(60)
class PluginTest {

    private static final String TCP_ENDPOINT = """
            switchboard.endpoints.tcp { transport = tcp, host = 127.0.0.1, port = 0, threads = 1, services = %s }
            """;

    private static Path exclaimJar;
    private static Path shadowJar;
    private static Path brokenJar;
    private static Path bangJar;
    private static Path streamTransportJar;
    private static Path sqlJar;
    private static Path incubatorJar;
    private static Path incubatorModularJar;

    @TempDir
    Path directory;

    private TestHome home;

    @BeforeAll
    static void buildPlugins(@TempDir Path build) {
        exclaimJar = TestPlugins.plainServiceJar(build, "exclaim.jar", "exclaim", "!");
        shadowJar = TestPlugins.plainServiceJar(build, "shadow.jar", "uppercase", "?");
        brokenJar = TestPlugins.brokenModularJar(build);
        bangJar = TestPlugins.plainFramingJar(build, "bang.jar", "bang");
        streamTransportJar = TestPlugins.plainStreamTransportJar(build, "tcp2.jar", "tcp2");
        sqlJar = TestPlugins.sqlServiceJar(build);
        incubatorJar = TestPlugins.incubatorServiceJar(build);
        incubatorModularJar = TestPlugins.incubatorModularJar(build);
    }

    @BeforeEach
    void home() {
        home = new TestHome(directory);
    }

    private void install(Path jar) throws IOException {
        Files.copy(jar, home.plugins().resolve(jar.getFileName()));
    }

    private static Discovered<MessageServiceProvider> service(Launcher launcher, String name) {
        return launcher.get(ProviderRegistry.class).services().find(name).orElseThrow();
    }

    private static String exchange(Launcher launcher, String request, int replyBytes) throws IOException {
        Server server = launcher.start();
        try {
            return Loopback.tcp((InetSocketAddress) server.endpoints().get(0).transport().localAddress(), request,
                    replyBytes);
        } finally {
            server.stop();
        }
    }

    @Test
    void loadsTheExamplePluginIntoALayerOfItsOwn() throws IOException {
        install(TestPlugins.reverseJar());
        home.configure(TCP_ENDPOINT.formatted("[reverse]"));

        Discovered<MessageServiceProvider> reverse = service(home.launcher(), "reverse");

        ModuleLayer layer = reverse.provider().getClass().getModule().getLayer();
        assertNotNull(layer);
        assertNotSame(ModuleLayer.boot(), layer);
        assertEquals(List.of(ModuleLayer.boot()), layer.parents());
        assertEquals("plugin " + TestPlugins.reverseJar().getFileName(), reverse.origin());
    }

    @Test
    void mergesThePluginsReferenceDefaults() throws IOException {
        install(TestPlugins.reverseJar());
        home.configure(TCP_ENDPOINT.formatted("[reverse]"));

        EffectiveConfig config = home.launcher().get(EffectiveConfig.class);

        assertTrue(config.config().getBoolean("switchboard.services.reverse.keep-trailing-newline"));
    }

    @Test
    void servesThePluginsServiceInAChainOverTcp() throws IOException {
        install(TestPlugins.reverseJar());
        home.configure(TCP_ENDPOINT.formatted("[reverse, uppercase]"));

        assertEquals("OLLEH\n", exchange(home.launcher(), "hello\n", 6));
    }

    @Test
    void loadsAPlainJarAsAnAutomaticModule() throws IOException {
        install(exclaimJar);
        home.configure(TCP_ENDPOINT.formatted("[exclaim, uppercase]"));
        Launcher launcher = home.launcher();

        Module module = service(launcher, "exclaim").provider().getClass().getModule();

        assertTrue(module.getDescriptor().isAutomatic());
        assertNotSame(ModuleLayer.boot(), module.getLayer());
        assertEquals("HI!", exchange(launcher, "hi", 3));
    }

    @Test
    void framesRequestsWithAPluginsFraming() throws IOException {
        install(bangJar);
        home.configure(TCP_ENDPOINT.formatted("[uppercase]") + "switchboard.endpoints.tcp.framing = bang\n");

        assertEquals("HI!THERE!", exchange(home.launcher(), "hi!there!", 9));
    }

    @Test
    void framesRequestsWithTheNetstringExamplePlugin() throws IOException {
        install(TestPlugins.netstringJar());
        home.configure(TCP_ENDPOINT.formatted("[uppercase]") + "switchboard.endpoints.tcp.framing = netstring\n");

        assertEquals("5:HELLO,", exchange(home.launcher(), "5:hello,", 8));
    }

    @Test
    void listsThePluginsFramingWithItsJarAtStart() throws IOException {
        install(TestPlugins.netstringJar());
        home.configure(TCP_ENDPOINT.formatted("[uppercase]") + "switchboard.endpoints.tcp.framing = netstring\n");
        try (LogCapture log = LogCapture.of("switchboard.plugins")) {

            home.launcher().start().stop();

            assertTrue(log.lines().contains("INFO plugin " + TestPlugins.netstringJar().getFileName()
                    + " (dev.switchboard.examples.netstring) framings [netstring]"), log.lines().toString());
        }
    }

    @Test
    void namesEveryFramingWithItsOriginWhenAFramingIsMisspelt() throws IOException {
        install(TestPlugins.netstringJar());
        home.configure(TCP_ENDPOINT.formatted("[uppercase]") + "switchboard.endpoints.tcp.framing = netstrings\n");

        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().start());

        String stream = " (built-in module dev.switchboard.transport.stream)";
        assertTrue(e.getMessage().endsWith("switchboard.endpoints.tcp.framing: expected one of the framings available:"
                + " length-prefixed" + stream + ", line" + stream + ", netstring (plugin "
                + TestPlugins.netstringJar().getFileName() + "), raw" + stream + ", got \"netstrings\""), e.getMessage());
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
    }

    @Test
    void servesThroughAPluginsTransportBuiltOnTheStreamToolkit() throws IOException {
        install(streamTransportJar);
        install(bangJar);
        home.configure("""
                switchboard.endpoints.mine { transport = tcp2, host = 127.0.0.1, port = 0, threads = 1, framing = bang }
                """);

        assertEquals("HI!", exchange(home.launcher(), "hi!", 3));
    }

    @Test
    void includesTheSharedSettingsInAPluginsReferenceDefaults() throws IOException {
        install(streamTransportJar);
        home.configure(TCP_ENDPOINT.formatted("[uppercase]"));

        EffectiveConfig config = home.launcher().get(EffectiveConfig.class);

        assertEquals(12000, config.config().getInt("switchboard.transports.tcp2.port"));
        assertEquals(16, config.config().getInt("switchboard.transports.tcp2.worker-threads"));
        assertEquals("raw", config.config().getString("switchboard.transports.tcp2.framing"));
    }

    @Test
    void reportsABrokenPluginNamingItsJarAndLoadsTheOthers() throws IOException {
        install(brokenJar);
        install(TestPlugins.reverseJar());
        home.configure(TCP_ENDPOINT.formatted("[reverse]"));
        try (LogCapture log = LogCapture.of("switchboard.plugins")) {

            Plugins plugins = home.launcher().get(Plugins.class);

            assertEquals(List.of("broken.jar"), plugins.failed().stream().map(Plugins.Failure::name).toList());
            assertEquals(List.of(TestPlugins.reverseJar().getFileName().toString()),
                    plugins.loaded().stream().map(plugin -> plugin.name()).toList());
            assertTrue(log.lines().contains("SEVERE plugin broken.jar not loaded:"
                    + " Module missing.dependency not found, required by broken.plugin"), log.lines().toString());
        }
    }

    @Test
    void namesThePluginsThatFailedWhenAServiceIsUnknown() throws IOException {
        install(brokenJar);
        home.configure(TCP_ENDPOINT.formatted("[broken]"));

        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().start());

        assertTrue(e.getMessage().endsWith("; plugins not loaded because of errors: broken.jar"), e.getMessage());
    }

    @Test
    void usesTheLaunchersModuleWhenAPluginBundlesItsOwnCopy() throws IOException {
        Path folder = Files.createDirectories(home.plugins().resolve("reverse-bundle"));
        Files.copy(TestPlugins.reverseJar(), folder.resolve(TestPlugins.reverseJar().getFileName()));
        Files.copy(TestPlugins.apiJar(), folder.resolve("api-copy.jar"));
        home.configure(TCP_ENDPOINT.formatted("[reverse]"));
        try (LogCapture log = LogCapture.of("switchboard.plugins")) {

            Discovered<MessageServiceProvider> reverse = service(home.launcher(), "reverse");

            assertEquals("plugin reverse-bundle/" + TestPlugins.reverseJar().getFileName(), reverse.origin());
            assertSame(MessageServiceProvider.class.getModule(),
                    reverse.provider().getClass().getModule().getLayer().findModule("dev.switchboard.api").orElseThrow());
            assertTrue(log.lines().contains("WARNING plugin reverse-bundle/: api-copy.jar holds module"
                    + " dev.switchboard.api, which the launcher already has; the launcher's is used"), log.lines().toString());
        }
    }

    @Test
    void warnsOfAServiceNameClashNoEndpointUsesNamingBothOriginsAndServes() throws IOException {
        install(shadowJar);
        install(exclaimJar);
        home.configure(TCP_ENDPOINT.formatted("[exclaim]"));
        try (LogCapture log = LogCapture.of("switchboard.plugins")) {

            assertEquals("hi!", exchange(home.launcher(), "hi", 3));

            assertTrue(log.lines().contains("WARNING two services are named \"uppercase\": one in built-in module"
                    + " dev.switchboard.service.uppercase, one in plugin shadow.jar; an endpoint that uses"
                    + " \"uppercase\" cannot start until one of them is removed"), log.lines().toString());
        }
    }

    @Test
    void rejectsAServiceNameClashAnEndpointUsesNamingBothOriginsAtCheck() throws IOException {
        install(shadowJar);
        Path file = home.configure(TCP_ENDPOINT.formatted("[uppercase]"));

        LaunchException e = assertThrows(LaunchException.class, () -> home.launcher().check(System.out));

        assertEquals(file + ":1: switchboard.endpoints.tcp.services[0]: two services are named \"uppercase\":"
                + " one in built-in module dev.switchboard.service.uppercase, one in plugin shadow.jar;"
                + " remove one of them", e.getMessage());
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status());
    }

    @Test
    void servesAPlainJarThatUsesAJdkModuleTheLauncherItselfDoesNotAndSaysWhich() throws IOException {
        install(sqlJar);
        home.configure(TCP_ENDPOINT.formatted("[sqltime]"));
        try (LogCapture log = LogCapture.of("switchboard.plugins")) {

            assertEquals("hi@1970-01-01T00:00:00Z", exchange(home.launcher(), "hi", 23));

            assertTrue(log.lines().contains("INFO plugin sqltime.jar uses JDK modules java.sql"), log.lines().toString());
        }
    }

    @Test
    void warnsAtLoadOfAPlainJarThatRefersToAJdkModuleTheLauncherWasNotStartedWith() throws IOException {
        install(incubatorJar);
        home.configure(TCP_ENDPOINT.formatted("[uppercase]"));
        try (LogCapture log = LogCapture.of("switchboard.plugins")) {

            Plugins plugins = home.launcher().get(Plugins.class);

            assertEquals(List.of("vector.jar"), plugins.loaded().stream().map(plugin -> plugin.name()).toList());
            assertTrue(log.lines().contains("WARNING plugin vector.jar: module vector refers to classes of"
                    + " jdk.incubator.vector, a JDK module the launcher was not started with; if it uses them, its"
                    + " requests fail with NoClassDefFoundError: add the module with"
                    + " JAVA_OPTS=\"--add-modules jdk.incubator.vector\""), log.lines().toString());
        }
    }

    @Test
    void refusesAtLoadAModularJarThatRequiresAJdkModuleTheLauncherWasNotStartedWith() throws IOException {
        install(incubatorModularJar);
        home.configure(TCP_ENDPOINT.formatted("[uppercase]"));

        Plugins plugins = home.launcher().get(Plugins.class);

        assertEquals(List.of(new Plugins.Failure("vector-module.jar", "plugin vector-module.jar not loaded:"
                + " module vector.plugin requires jdk.incubator.vector, a JDK module the launcher was not started with;"
                + " add it with JAVA_OPTS=\"--add-modules jdk.incubator.vector\"")), plugins.failed());
    }
}
