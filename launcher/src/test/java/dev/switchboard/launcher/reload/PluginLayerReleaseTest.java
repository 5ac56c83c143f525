package dev.switchboard.launcher.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.launcher.Launcher;
import dev.switchboard.launcher.Loopback;
import dev.switchboard.launcher.TestHome;
import dev.switchboard.launcher.TestPlugins;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.Server;
import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A plugin jar replaced and reloaded: once no endpoint uses its old layer, the garbage collector can take it. */
@Timeout(60)
class PluginLayerReleaseTest {

    @TempDir
    Path directory;

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private Path plugin(String suffix) throws IOException {
        Path build = Files.createDirectories(directory.resolve("build-" + suffix));
        Path plugins = Files.createDirectories(directory.resolve("plugins"));
        return Files.move(TestPlugins.plainServiceJar(build, "tag.jar", "tag", suffix), plugins.resolve("tag.jar"),
                StandardCopyOption.REPLACE_EXISTING);
    }

    private Endpoint tagged() {
        return server.endpoints().stream().filter(endpoint -> endpoint.name().equals("tagged")).findFirst().orElseThrow();
    }

    /** In a method of its own, so that no strong reference stays in the test's frame. */
    private WeakReference<ClassLoader> serviceLoader() {
        return new WeakReference<>(tagged().blueprint().services().get(0).provider().getClassLoader());
    }

    @Test
    void theClassLoaderOfAReplacedPluginIsCollectedOnceNoEndpointUsesIt() throws IOException {
        TestHome home = new TestHome(directory);
        plugin("-1");
        home.configure("""
                switchboard.endpoint-defaults { host = 127.0.0.1, port = 0, threads = 1, shutdown-grace = 1s }
                switchboard.endpoints { tagged { transport = tcp, framing = line, services = [tag] } }
                """);
        Launcher launcher = home.launcher();
        server = launcher.start();
        Reloader reloader = launcher.get(Reloader.class);
        InetSocketAddress address = (InetSocketAddress) tagged().transport().localAddress();
        assertEquals("a-1\n", Loopback.tcp(address, "a\n", 4));
        WeakReference<ClassLoader> old = serviceLoader();
        plugin("-2");

        assertTrue(reloader.reload());
        assertEquals("b-2\n", Loopback.tcp(address, "b\n", 4));

        Await.until(() -> {
            System.gc();
            return old.get() == null;
        }, "the old layer's class loader collected");
        assertNull(old.get());
    }
}
