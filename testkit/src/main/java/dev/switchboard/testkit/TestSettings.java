package dev.switchboard.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import dev.switchboard.api.TransportContext;
import dev.switchboard.settings.HoconSettings;

/**
 * Settings and provider contexts for tests, built the way the launcher builds them: the given HOCON
 * over the defaults that the {@code reference.conf} files visible to this class's loader declare
 * under {@code switchboard.transports.<name>} or {@code switchboard.services.<name>}.
 *
 * <pre>{@code
 * Transport tcp = new TcpTransportProvider().create(TestSettings.transportContext("tcp", "port = 0, framing = line"));
 * MessageService shout = new UppercaseProvider().create(TestSettings.serviceContext("uppercase", "mode = ascii"));
 * }</pre>
 */
public final class TestSettings {

    private static final String ENDPOINT = "test";

    private TestSettings() {}

    /**
     * @param transport the transport's name, such as {@code "tcp"}
     * @param hocon overrides, such as {@code "port = 0"}; may be empty
     * @return the endpoint settings a provider of that transport would receive
     */
    public static Settings forTransport(String transport, String hocon) {
        return settings(hocon, "switchboard.transports." + transport, "switchboard.endpoints." + ENDPOINT);
    }

    /**
     * @param service the service's name, such as {@code "uppercase"}
     * @param hocon overrides, such as {@code "mode = ascii"}; may be empty
     * @return the settings a provider of that service would receive
     */
    public static Settings forService(String service, String hocon) {
        return settings(hocon, "switchboard.services." + service, "switchboard.services." + service);
    }

    /**
     * @param transport the transport's name, such as {@code "tcp"}
     * @param hocon overrides, such as {@code "port = 0"}; may be empty
     * @return a context for endpoint {@code "test"}
     */
    public static TransportContext transportContext(String transport, String hocon) {
        return new TransportContext(ENDPOINT, transport, forTransport(transport, hocon),
                System.getLogger("switchboard.endpoint." + ENDPOINT));
    }

    /**
     * @param service the service's name, such as {@code "uppercase"}
     * @param hocon overrides, such as {@code "mode = ascii"}; may be empty
     * @return a context for endpoint {@code "test"}
     */
    public static ServiceContext serviceContext(String service, String hocon) {
        return new ServiceContext(ENDPOINT, service, forService(service, hocon),
                System.getLogger("switchboard.service." + service));
    }

    private static Settings settings(String hocon, String defaultsPath, String path) {
        Config reference = ConfigFactory.defaultReference(TestSettings.class.getClassLoader());
        Config defaults = reference.hasPath(defaultsPath) ? reference.getConfig(defaultsPath) : ConfigFactory.empty();
        Config config = ConfigFactory.parseString(hocon).withFallback(defaults).resolve();
        return HoconSettings.of(config, path);
    }
}
