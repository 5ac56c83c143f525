package dev.switchboard.launcher.endpoint;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigUtil;
import dev.switchboard.launcher.LaunchException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ports the enabled endpoints will listen on, so that {@code --check} finds two endpoints of one
 * transport on one port of overlapping addresses without binding: the second bind would fail (or,
 * for udp on {@code SO_REUSEPORT}, quietly share the port). Addresses overlap when they are equal,
 * when one is the wildcard of the other's family ({@code 0.0.0.0} covers {@code 127.0.0.1}), and
 * when one is the IPv6 wildcard {@code ::}, which serves IPv4 too. Endpoints of different transports
 * never clash (udp and tcp share port 12000), nor do endpoints on port 0, nor those of a transport
 * without {@code host} and {@code port} settings.
 */
final class PortClaims {

    /**
     * @param endpoint the endpoint's name
     * @param transport its transport's name
     * @param host its {@code host} as configured
     * @param address that host, resolved as the transports resolve it
     * @param port its port, not 0
     * @param origin where the port was set
     */
    private record Claim(String endpoint, String transport, String host, InetAddress address, int port,
            ConfigOrigin origin) {

        boolean overlaps(Claim other) {
            if (!transport.equals(other.transport) || port != other.port) {
                return false;
            }
            if (address.getClass() == other.address.getClass()) {
                return address.equals(other.address) || address.isAnyLocalAddress() || other.address.isAnyLocalAddress();
            }
            return isDualStackWildcard(address) || isDualStackWildcard(other.address);
        }

        private static boolean isDualStackWildcard(InetAddress address) {
            return address instanceof Inet6Address && address.isAnyLocalAddress();
        }

        @Override
        public String toString() {
            String shown = host.isEmpty() ? "\"\"" : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
            return endpoint + " (" + transport + " " + shown + ":" + port + ")";
        }
    }

    private final List<Claim> claims = new ArrayList<>();

    /**
     * Records where an endpoint will listen, once its transport has validated its settings.
     *
     * @param endpoint the endpoint's name
     * @param transport its transport's name
     * @param settings its merged settings
     */
    void add(String endpoint, String transport, Config settings) {
        if (!settings.hasPath("host") || !settings.hasPath("port")) {
            return;
        }
        try {
            int port = settings.getInt("port");
            if (port == 0) {
                return;
            }
            String host = settings.getString("host").strip();
            InetAddress address = InetAddress.getByName(host.isEmpty() || host.equals("*") ? "0.0.0.0" : host);
            claims.add(new Claim(endpoint, transport, host, address, port, settings.getValue("port").origin()));
        } catch (ConfigException | UnknownHostException e) {
            // not an IP transport's host and port: the transport has accepted them, and knows better
        }
    }

    /**
     * @throws LaunchException at the second endpoint's port, naming both endpoints, if two of the
     *     claims overlap
     */
    void requireDistinct() {
        for (int i = 0; i < claims.size(); i++) {
            for (int j = 0; j < i; j++) {
                Claim first = claims.get(j);
                Claim second = claims.get(i);
                if (first.overlaps(second)) {
                    throw LaunchException.at(second.origin(), ConfigUtil.joinPath("switchboard", "endpoints", second.endpoint(), "port"),
                            "endpoints " + first + " and " + second + " cannot both listen: their addresses overlap"
                                    + " on one port; give one of them another port");
                }
            }
        }
    }
}
