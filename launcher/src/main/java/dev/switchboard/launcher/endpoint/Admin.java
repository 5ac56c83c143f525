package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import dev.switchboard.admin.AdminEndpoint;
import dev.switchboard.admin.AdminSettings;
import dev.switchboard.admin.ServerStatus;
import dev.switchboard.api.EndpointObserverProvider;
import dev.switchboard.api.SettingsException;
import dev.switchboard.launcher.LaunchException;
import dev.switchboard.launcher.config.EffectiveConfig;
import dev.switchboard.settings.DeclaredKeys;
import dev.switchboard.settings.HoconSettings;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The admin endpoint as {@code switchboard.admin} configures it: validated when created, so that a
 * bad value stops the start before anything binds; bound by {@link #bind}, answering from {@link #start}.
 * Disabled, it is nothing.
 */
public final class Admin {

    static final String PATH = "switchboard.admin";
    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private final Optional<AdminEndpoint> endpoint;
    private final InetSocketAddress address;

    /**
     * @param config the effective configuration
     * @param memoryBudget the process's budget, which the metrics show
     * @throws LaunchException naming the file, line and path of a bad {@code switchboard.admin} value
     */
    public Admin(EffectiveConfig config, ProcessMemoryBudget memoryBudget) {
        AdminSettings settings = settings(config);
        this.address = settings.address();
        this.endpoint = settings.enabled()
                ? Optional.of(new AdminEndpoint(address, memoryBudget.of(config.config())))
                : Optional.empty();
    }

    private static AdminSettings settings(EffectiveConfig config) {
        ConfigValue value = config.config().getValue(PATH);
        if (!(value instanceof ConfigObject block)) {
            throw LaunchException.at(value.origin(), PATH,
                    "expected { enabled = true, host = \"127.0.0.1\", port = 9464 }, got " + value.render());
        }
        try {
            DeclaredKeys.requireDeclared(block, PATH, "the admin endpoint", config.reference(), PATH, Set.of());
            return AdminSettings.from(HoconSettings.of(block.toConfig(), PATH));
        } catch (SettingsException | ConfigException e) {
            throw LaunchException.badConfiguration(e.getMessage(), e);
        }
    }

    /** @return what observes the endpoints for the admin endpoint's metrics: nothing when disabled */
    List<EndpointObserverProvider> observers() {
        return endpoint.map(admin -> List.of(admin.serviceTimes())).orElse(List.of());
    }

    /**
     * Binds the admin endpoint's address, if enabled, without answering yet: a port in use stops
     * the start here, before any endpoint binds.
     *
     * @param server what its metrics and readiness read
     * @throws LaunchException (status 1) if its address cannot be bound
     */
    public void bind(ServerStatus server) {
        endpoint.ifPresent(admin -> bound(() -> admin.bind(server)));
    }

    /**
     * Binds the admin endpoint, if enabled and not yet {@linkplain #bind bound}, makes it answer, and
     * logs where.
     *
     * @param server what its metrics and readiness read
     * @return the address bound; empty when the admin endpoint is disabled
     * @throws LaunchException (status 1) if its address cannot be bound
     */
    public Optional<InetSocketAddress> start(ServerStatus server) {
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        InetSocketAddress bound = bound(() -> endpoint.get().start(server));
        String host = bound.getAddress() instanceof Inet6Address ? "[" + bound.getHostString() + "]" : bound.getHostString();
        LOG.log(INFO, "admin http://" + host + ":" + bound.getPort() + "/metrics, /health/live, /health/ready");
        return Optional.of(bound);
    }

    private InetSocketAddress bound(Binding binding) {
        try {
            return binding.bind();
        } catch (IOException e) {
            throw LaunchException.startFailed("admin endpoint: cannot bind " + address.getHostString() + ":"
                    + address.getPort() + ": " + e.getMessage(), e);
        }
    }

    /** {@link AdminEndpoint#bind} or {@link AdminEndpoint#start}. */
    @FunctionalInterface
    private interface Binding {
        InetSocketAddress bind() throws IOException;
    }

    /** Stops the admin endpoint, if it was started: its address is released at once. */
    public void stop() {
        endpoint.ifPresent(AdminEndpoint::close);
    }
}
