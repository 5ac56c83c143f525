package dev.switchboard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import dev.switchboard.api.SettingsException;
import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.LaunchException;
import dev.switchboard.launcher.config.ConfigSource;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.endpoint.Endpoint;
import dev.switchboard.launcher.endpoint.EndpointFactory;
import dev.switchboard.launcher.endpoint.FatalFailures;
import dev.switchboard.launcher.plugin.Discovered;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import dev.switchboard.service.uppercase.UppercaseProvider;
import dev.switchboard.transport.tcp.TcpTransportProvider;
import dev.switchboard.transport.udp.UdpTransportProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The launcher's configuration path, as {@code --check} and a start run it short of binding: the
 * file is read ({@link ConfigSource}), the plugins folder setting read, the defaults merged and
 * substitutions resolved, then every endpoint created with its transport and services
 * ({@link EndpointFactory}), which validates every setting. Whatever the file holds, that path must
 * accept it or fail with the launcher's configuration error: a {@link LaunchException} with the
 * bad-configuration status and a one-line message, caused by nothing but a settings or configuration
 * error.
 * Anything else (a {@code NullPointerException}, an {@code ArithmeticException}, a Typesafe Config
 * exception passing through) is a bug.
 *
 * <p>Includes are followed as the launcher follows them, relative to the file's directory, which
 * also holds {@value #INCLUDED}; but nothing is fetched from the network: URLs other than files and
 * jars refuse to connect, and host names resolve from the test's hosts file only (see the pom).
 */
final class LauncherConfiguration {

    static final String INCLUDED = "included.conf";

    private static final Path DIRECTORY;
    private static final Path FILE;
    private static final ProviderRegistry PROVIDERS = ProviderRegistry.of(
            List.of(new Discovered<>("tcp", new TcpTransportProvider(), "class path"),
                    new Discovered<>("udp", new UdpTransportProvider(), "class path")),
            List.of(new Discovered<>("uppercase", new UppercaseProvider(), "class path")));
    private static final Set<String> LOCAL_PROTOCOLS = Set.of("file", "jar", "jrt");
    /** Kept, as the log manager holds its loggers weakly. */
    private static final Logger LOG = Logger.getLogger("switchboard");


    static {
        LOG.setLevel(Level.WARNING); // not a line per disabled endpoint
        URL.setURLStreamHandlerFactory(protocol -> LOCAL_PROTOCOLS.contains(protocol) ? null : new Offline());
        assertThrows(IOException.class, () -> new URL("http://127.0.0.1/").openConnection(),
                "the network must be out of the configuration's reach");
        try {
            DIRECTORY = Files.createTempDirectory("switchboard-fuzz");
            FILE = DIRECTORY.resolve("switchboard.conf");
            Files.writeString(DIRECTORY.resolve(INCLUDED), "port = 12001\nframing = line\nservices = [uppercase]\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DIRECTORY.toFile().deleteOnExit();
        DIRECTORY.resolve(INCLUDED).toFile().deleteOnExit();
        FILE.toFile().deleteOnExit();
    }

    private LauncherConfiguration() {}

    /**
     * Writes {@code content} as the configuration file and runs the configuration path on it.
     *
     * @param content the whole file, which need not even be UTF-8
     */
    static void check(byte[] content) {
        try {
            Files.write(FILE, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            ConfigSource source = ConfigSource.open(FILE, new Properties());
            source.pluginsDirectory(new Home(FILE.getParent()));
            EffectiveConfig config = source.load(List.of());
            List<Endpoint> endpoints = new EndpointFactory(config, PROVIDERS, new FatalFailures()).createAll();
            assertFalse(endpoints.isEmpty(), "accepted without an endpoint");
            endpoints.forEach(Endpoint::closeServices);
        } catch (LaunchException e) {
            isAConfigurationError(e);
        }
    }

    private static void isAConfigurationError(LaunchException e) {
        assertEquals(LaunchException.BAD_CONFIGURATION, e.status(), e::toString);
        String message = e.getMessage();
        assertTrue(message != null && !message.isBlank(), "no message");
        assertTrue(message.indexOf('\n') < 0 && message.indexOf('\r') < 0, () -> "not one line: " + message);
        Throwable cause = e.getCause();
        if (cause instanceof SettingsException settings) {
            cause = settings.getCause();
        }
        if (cause != null && !(cause instanceof ConfigException)) {
            throw new AssertionError("a configuration error caused by " + cause, e);
        }
    }

    /** Refuses every connection. */
    private static final class Offline extends URLStreamHandler {
        @Override
        protected URLConnection openConnection(URL url) throws IOException {
            throw new IOException("no network in the configuration fuzz test: " + url);
        }
    }
}
