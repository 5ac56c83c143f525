package dev.switchboard.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.TransportContext;
import dev.switchboard.settings.DeclaredKeys;
import dev.switchboard.settings.HoconSettings;
import java.util.Set;

/**
 * Settings and provider contexts for tests, built the way the launcher builds them: the given HOCON
 * over the defaults that the {@code reference.conf} files visible to this class's loader declare
 * under {@code switchboard.transports.<name>} or {@code switchboard.services.<name>}. A key those
 * defaults do not declare is refused as the launcher refuses it (a misspelt setting must fail the
 * test, not silently keep its default), with the launcher's message; a component without defaults
 * declares nothing, and then any key is accepted. The launcher's own endpoint keys
 * ({@code transport}, {@code enabled}, {@code services}, {@code shutdown-grace}) are not a
 * transport's and are refused here.
 *
 * <pre>{@code
 * Transport tcp = new TcpTransportProvider().create(TestSettings.transportContext("tcp", "port = 0, framing = line"));
 * MessageService shout = new UppercaseProvider().create(TestSettings.serviceContext("uppercase", "mode = ascii"));
 * }</pre>
 */
public final class TestSettings {

    private static final String ENDPOINT = "test";
    /** Where a test's own settings come from, as messages name it. */
    private static final String ORIGIN = "TestSettings";

    private TestSettings() {}

    /**
     * @param transport the transport's name, such as {@code "tcp"}
     * @param hocon overrides, such as {@code "port = 0"}; may be empty
     * @return the endpoint settings a provider of that transport would receive
     * @throws SettingsException if {@code hocon} sets a key the transport does not declare
     */
    public static Settings forTransport(String transport, String hocon) {
        return settings(hocon, "transport " + transport, "switchboard.transports." + transport,
                "switchboard.endpoints." + ENDPOINT);
    }

    /**
     * @param service the service's name, such as {@code "uppercase"}
     * @param hocon overrides, such as {@code "mode = ascii"}; may be empty
     * @return the settings a provider of that service would receive
     * @throws SettingsException if {@code hocon} sets a key the service does not declare
     */
    public static Settings forService(String service, String hocon) {
        return settings(hocon, "service " + service, "switchboard.services." + service, "switchboard.services." + service);
    }

    /**
     * @param transport the transport's name, such as {@code "tcp"}
     * @param hocon overrides, such as {@code "port = 0"}; may be empty
     * @return a context for endpoint {@code "test"}
     * @throws SettingsException if {@code hocon} sets a key the transport does not declare
     */
    public static TransportContext transportContext(String transport, String hocon) {
        return new TransportContext(ENDPOINT, transport, forTransport(transport, hocon),
                System.getLogger("switchboard.endpoint." + ENDPOINT));
    }

    /**
     * @param service the service's name, such as {@code "uppercase"}
     * @param hocon overrides, such as {@code "mode = ascii"}; may be empty
     * @return a context for endpoint {@code "test"}
     * @throws SettingsException if {@code hocon} sets a key the service does not declare
     */
    public static ServiceContext serviceContext(String service, String hocon) {
        return new ServiceContext(ENDPOINT, service, forService(service, hocon),
                System.getLogger("switchboard.service." + service));
    }

    private static Settings settings(String hocon, String component, String defaultsPath, String path) {
        Config reference = ConfigFactory.defaultReference(TestSettings.class.getClassLoader());
        Config overrides = ConfigFactory.parseString(hocon, ConfigParseOptions.defaults().setOriginDescription(ORIGIN));
        DeclaredKeys.requireDeclared(overrides.root(), path, component, reference, defaultsPath, Set.of());
        Config defaults = reference.hasPath(defaultsPath) ? reference.getConfig(defaultsPath) : ConfigFactory.empty();
        return HoconSettings.of(overrides.withFallback(defaults).resolve(), path);
    }
}
