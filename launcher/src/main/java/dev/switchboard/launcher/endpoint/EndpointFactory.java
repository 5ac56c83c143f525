package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.ServiceContext;
import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.launcher.LaunchException;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.launcher.plugin.Catalog;
import dev.switchboard.launcher.plugin.Discovered;
import dev.switchboard.launcher.plugin.ProviderRegistry;
import dev.switchboard.settings.DeclaredKeys;
import dev.switchboard.settings.HoconSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Creates the configured endpoints, and with them every transport and service, without binding
 * anything: this is where every setting is validated.
 *
 * <p>An endpoint's settings are its block under {@code switchboard.endpoints.<name>}, over
 * {@code switchboard.endpoint-defaults}, over its transport's defaults
 * {@code switchboard.transports.<transport>}. A key that neither the launcher nor the transport
 * declares is an error, so that a misspelt setting does not silently keep its default. A service
 * is configured by name, with the defaults under {@code switchboard.services.<name>}, or as an
 * object {@code { name = uppercase, mode = ascii }} whose other keys override those defaults for
 * this endpoint only.
 */
public final class EndpointFactory {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    private static final String ENDPOINTS = "switchboard.endpoints";
    private static final String ENDPOINT_DEFAULTS = "switchboard.endpoint-defaults";
    private static final String TRANSPORT = "transport";
    private static final String SERVICES = "services";
    private static final String NAME = "name";
    private static final String SERVICE_FORMS = "a service name or { name = <service>, <its settings> }";

    private final EffectiveConfig config;
    private final ProviderRegistry providers;
    private final FatalFailures fatalFailures;
    private final ProcessMemoryBudget memoryBudget;
    private final EndpointObservers observers;

    /**
     * A factory whose endpoints nothing observes, with a budget of their own.
     *
     * @param config the effective configuration
     * @param providers the transports and services available
     * @param fatalFailures where every transport reports a serving thread that died
     */
    public EndpointFactory(EffectiveConfig config, ProviderRegistry providers, FatalFailures fatalFailures) {
        this(config, providers, fatalFailures, new ProcessMemoryBudget(), EndpointObservers.NONE);
    }

    /**
     * @param config the effective configuration
     * @param providers the transports and services available
     * @param fatalFailures where every transport reports a serving thread that died
     * @param memoryBudget the process's one budget, which a reload's endpoints share with those serving
     * @param observers what observes each endpoint's transport (the admin endpoint's metrics, plugins')
     */
    public EndpointFactory(EffectiveConfig config, ProviderRegistry providers, FatalFailures fatalFailures,
            ProcessMemoryBudget memoryBudget, EndpointObservers observers) {
        this.config = config;
        this.providers = providers;
        this.fatalFailures = fatalFailures;
        this.memoryBudget = memoryBudget;
        this.observers = observers;
    }

    /**
     * Creates every enabled endpoint, in name order. If any fails, the services already created are
     * closed before the failure is thrown.
     *
     * @return the endpoints, unstarted; at least one
     * @throws LaunchException naming the file, line and path of the first bad setting, or two
     *     endpoints of one transport on one port ({@link PortClaims}), or if no endpoint is enabled
     */
    public List<Endpoint> createAll() {
        List<Endpoint> created = new ArrayList<>();
        ConfigObject endpoints;
        try {
            endpoints = config.config().getObject(ENDPOINTS);
            PortClaims ports = new PortClaims();
            for (String name : new TreeSet<>(endpoints.keySet())) {
                create(name, endpoints.get(name), ports).ifPresent(created::add);
            }
            ports.requireDistinct();
        } catch (SettingsException | ConfigException e) {
            created.forEach(Endpoint::closeServices);
            throw LaunchException.badConfiguration(e.getMessage(), e);
        } catch (RuntimeException e) {
            created.forEach(Endpoint::closeServices);
            throw e;
        }
        if (created.isEmpty()) {
            throw LaunchException.badConfiguration(config.file() + ": no endpoint "
                    + (endpoints.isEmpty() ? "configured" : "enabled") + " under " + ENDPOINTS
                    + "; for example: " + ENDPOINTS + ".tcp { transport = tcp, port = 12000 }");
        }
        return created;
    }

    private Optional<Endpoint> create(String name, ConfigValue value, PortClaims ports) {
        String path = child(ENDPOINTS, name);
        if (!(value instanceof ConfigObject block)) {
            throw LaunchException.at(value.origin(), path,
                    "expected an endpoint such as { transport = tcp, port = 12000 }, got " + render(value));
        }
        Config defaults = config.config().getConfig(ENDPOINT_DEFAULTS);
        Config own = block.toConfig();
        if (!HoconSettings.of(own.withFallback(defaults), path).bool("enabled")) {
            LOG.log(INFO, () -> "endpoint " + name + " is disabled");
            return Optional.empty();
        }
        Discovered<TransportProvider> transport = transport(path, block, own.withFallback(defaults));
        String transportPath = child("switchboard.transports", transport.name());
        Set<String> launcherKeys = new TreeSet<>(defaults.root().keySet());
        launcherKeys.add(TRANSPORT);
        rejectUnknownKeys(block, path, "transport " + transport.name(), launcherKeys, transportPath);

        Config merged = own.withFallback(defaults).withFallback(section(config.config(), transportPath));
        Settings settings = HoconSettings.of(merged, path);
        Duration shutdownGrace = settings.duration("shutdown-grace");
        TransportContext context = new TransportContext(name, transport.name(), settings,
                System.getLogger("switchboard.endpoint." + name), providers.framingLookup(), fatalFailures,
                memoryBudget.of(config.config()), observers.observe(name, transport.name()));
        Transport created = created("endpoint " + name, transport, () -> transport.provider().create(context));
        ports.add(name, transport.name(), merged);
        List<String> serviceNames = new ArrayList<>();
        List<MessageService> services = new ArrayList<>();
        List<Blueprint.ServicePart> parts = new ArrayList<>();
        try {
            createServices(name, path, services(merged), serviceNames, services, parts);
            Blueprint blueprint = new Blueprint(transport.name(), transport.provider().getClass(),
                    merged.withoutPath(SERVICES).withoutPath("shutdown-grace").withoutPath("enabled"), parts);
            return Optional.of(new Endpoint(name, transport.name(), created, serviceNames,
                    MessageService.chain(services), shutdownGrace, blueprint));
        } catch (RuntimeException e) {
            services.forEach(MessageService::close);
            throw e;
        }
    }

    private Discovered<TransportProvider> transport(String path, ConfigObject block, Config withDefaults) {
        Catalog<TransportProvider> transports = providers.transports();
        if (!block.containsKey(TRANSPORT)) {
            throw LaunchException.at(block.origin(), path,
                    "no transport; expected transport = <name>, " + providers.available(transports));
        }
        String name = HoconSettings.of(withDefaults, path).string(TRANSPORT);
        transports.clash(name).ifPresent(clash -> {
            throw LaunchException.at(block.get(TRANSPORT).origin(), child(path, TRANSPORT), clash + "; remove one of them");
        });
        return transports.find(name).orElseThrow(() -> LaunchException.at(block.get(TRANSPORT).origin(),
                child(path, TRANSPORT), "unknown transport \"" + name + "\"; " + providers.available(transports)));
    }

    /**
     * The endpoint's services as a list where the configuration allows: overrides such as
     * {@code -Dswitchboard.endpoints.tcp.services.0=reverse} give an object with numbered keys.
     */
    private static ConfigValue services(Config merged) {
        try {
            return merged.getList(SERVICES);
        } catch (ConfigException.WrongType notAList) {
            return merged.getValue(SERVICES);
        }
    }

    private void createServices(String endpoint, String path, ConfigValue value,
            List<String> names, List<MessageService> services, List<Blueprint.ServicePart> parts) {
        String listPath = path + "." + SERVICES;
        if (!(value instanceof ConfigList list) || list.isEmpty()) {
            throw LaunchException.at(value.origin(), listPath, "expected a list of one or more services, each "
                    + SERVICE_FORMS + ", such as [uppercase]; got " + render(value));
        }
        for (int i = 0; i < list.size(); i++) {
            ConfigValue entry = list.get(i);
            String entryPath = listPath + "[" + i + "]";
            String name;
            ConfigObject overrides;
            if (entry.valueType() == ConfigValueType.STRING) {
                name = (String) entry.unwrapped();
                overrides = ConfigFactory.empty().root();
            } else if (entry instanceof ConfigObject object
                    && object.get(NAME) != null && object.get(NAME).valueType() == ConfigValueType.STRING) {
                name = (String) object.get(NAME).unwrapped();
                overrides = object.withoutKey(NAME);
            } else {
                throw LaunchException.at(entry.origin(), entryPath, "expected " + SERVICE_FORMS + ", got " + render(entry));
            }
            Catalog<MessageServiceProvider> catalog = providers.services();
            catalog.clash(name).ifPresent(clash -> {
                throw LaunchException.at(entry.origin(), entryPath, clash + "; remove one of them");
            });
            Discovered<MessageServiceProvider> provider = catalog.find(name).orElseThrow(() -> LaunchException.at(
                    entry.origin(), entryPath, "unknown service \"" + name + "\"; " + providers.available(catalog)));
            String defaultsPath = child("switchboard.services", name);
            rejectUnknownKeys(overrides, entryPath, "service " + name, Set.of(NAME), defaultsPath);
            String settingsPath = overrides.isEmpty() ? defaultsPath : entryPath;
            Config serviceConfig = overrides.toConfig().withFallback(section(config.config(), defaultsPath));
            Settings settings = HoconSettings.of(serviceConfig, settingsPath);
            ServiceContext context = new ServiceContext(endpoint, name, settings,
                    System.getLogger("switchboard.service." + name));
            services.add(created("endpoint " + endpoint, provider, () -> provider.provider().create(context)));
            names.add(name);
            parts.add(new Blueprint.ServicePart(name, provider.provider().getClass(), serviceConfig));
        }
    }

    /** Rejects the keys of {@code block} that the component does not declare ({@link DeclaredKeys}). */
    private void rejectUnknownKeys(ConfigObject block, String path, String component, Set<String> launcherKeys,
            String referencePath) {
        DeclaredKeys.requireDeclared(block, path, component, config.reference(), referencePath, launcherKeys);
    }

    /**
     * Calls a provider's factory method. Its settings errors pass as they are; any other failure is
     * a bug in the provider, reported naming it.
     */
    private static <T> T created(String endpoint, Discovered<?> provider, Supplier<T> factory) {
        T created;
        try {
            created = factory.get();
        } catch (SettingsException e) {
            throw e;
        } catch (RuntimeException e) {
            throw LaunchException.badConfiguration(endpoint + ": " + provider + " failed: " + e, e);
        }
        if (created == null) {
            throw LaunchException.badConfiguration(endpoint + ": " + provider + " created nothing (null)");
        }
        return created;
    }

    private static Config section(Config config, String path) {
        return config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
    }

    private static String child(String path, String key) {
        return path + "." + ConfigUtil.joinPath(key);
    }

    private static String render(ConfigValue value) {
        return value.render(ConfigRenderOptions.concise());
    }
}
