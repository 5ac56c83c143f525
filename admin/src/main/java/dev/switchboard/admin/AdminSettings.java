package dev.switchboard.admin;

import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * The admin endpoint's settings, {@code switchboard.admin { enabled, host, port }}.
 *
 * @param enabled whether the admin endpoint is served at all
 * @param address where it listens: a port of 0 takes a free one
 */
public record AdminSettings(boolean enabled, InetSocketAddress address) {

    private static final String HOST = "an IP address such as 127.0.0.1 or ::1, or a host name this machine resolves";

    /** Requires the address. */
    public AdminSettings {
        Objects.requireNonNull(address, "address");
    }

    /**
     * Reads and validates the settings, resolving the host (a literal address or a name) without
     * binding anything.
     *
     * @param settings the {@code switchboard.admin} block over its defaults
     * @return the settings
     * @throws SettingsException naming the file, line and path of a bad value
     */
    public static AdminSettings from(Settings settings) {
        boolean enabled = settings.bool("enabled");
        int port = settings.integer("port", 0, 65_535);
        String host = settings.string("host");
        InetAddress address;
        try {
            if (host.isBlank()) {
                throw new UnknownHostException(host);
            }
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw settings.invalid("host", HOST);
        }
        return new AdminSettings(enabled, new InetSocketAddress(address, port));
    }
}
