package dev.switchboard.transport;

import dev.switchboard.api.Settings;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** Socket addresses as settings give them and as log lines and error messages show them. */
public final class Addresses {

    private Addresses() {}

    /**
     * @param address a socket address of any family
     * @return for an IP address {@code host:port}, with an IPv6 host in brackets and in its short
     *     form (RFC 5952), such as {@code [::1]:12000} where the JDK would write
     *     {@code 0:0:0:0:0:0:0:1}; for a Unix-domain address its path, or {@code "(unnamed)"} for
     *     the unnamed address of a client that did not bind; else what the address's
     *     {@code toString} says
     */
    public static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            return format(inet);
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            String path = unix.getPath().toString();
            return path.isEmpty() ? "(unnamed)" : path;
        }
        return String.valueOf(address);
    }

    private static String format(InetSocketAddress address) {
        String host = address.getAddress() instanceof Inet6Address ipv6 ? host(ipv6) : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** @return the address as text, an IPv6 one in its short form (RFC 5952) */
    static String host(InetAddress address) {
        return address instanceof Inet6Address ? shortForm(address.getHostAddress()) : address.getHostAddress();
    }

    /**
     * The address an IP endpoint binds, from its {@code host} and {@code port} settings: {@code ""}
     * or {@code "*"} mean every IPv4 interface, as in the socket exercise; {@code "::"} every
     * interface, IPv6 and IPv4 where the OS allows.
     *
     * @param settings the endpoint's settings
     * @return where to bind; port 0 picks a free port
     * @throws dev.switchboard.api.SettingsException if the host does not resolve or the port is
     *     out of range
     */
    public static InetSocketAddress bindAddress(Settings settings) {
        return new InetSocketAddress(host(settings), settings.integer("port", 0, 65535));
    }

    /**
     * Parses a literal IP address without ever looking a name up, as {@code inet_pton} does.
     *
     * @param text such as {@code 192.0.2.1} or {@code 2001:db8::1}; no brackets, no {@code %scope}
     * @return the address, or null if {@code text} is not a literal address
     */
    public static InetAddress literal(String text) {
        byte[] bytes = IpBits.parse(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new AssertionError(e); // 4 or 16 bytes are always an address
        }
    }

    private static InetAddress host(Settings settings) {
        String host = settings.string("host").strip();
        if (host.isEmpty() || host.equals("*")) {
            host = "0.0.0.0";
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw settings.invalid("host", "an IP address or a resolvable host name");
        }
    }

    /**
     * The family of the socket to open for {@code address}: without one the JDK opens an IPv6
     * socket, which bound to {@code 0.0.0.0} would serve IPv6 too.
     *
     * @param address an IP address to bind
     * @return {@code INET} for an IPv4 address, wildcard included; {@code INET6} for an IPv6 one,
     *     whose socket serves IPv4 too where the OS allows
     */
    public static StandardProtocolFamily family(InetSocketAddress address) {
        return address.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
    }

    /**
     * @param address the address that could not be bound
     * @param failure what binding it threw, such as "Address already in use"
     * @return the same failure, its message starting with the address, such as
     *     {@code "0.0.0.0:12000: Address already in use"}, and {@code failure} as its cause
     */
    public static BindException bindFailure(SocketAddress address, BindException failure) {
        BindException named = new BindException(format(address) + ": " + failure.getMessage());
        named.initCause(failure);
        return named;
    }

    /** @param full eight groups without leading zeros, maybe followed by a {@code %scope} */
    private static String shortForm(String full) {
        int percent = full.indexOf('%');
        String scope = percent < 0 ? "" : full.substring(percent);
        String[] groups = (percent < 0 ? full : full.substring(0, percent)).split(":");
        int bestStart = -1;
        int bestLength = 1; // a single zero group stays as it is
        for (int i = 0; i < groups.length; ) {
            int end = i;
            while (end < groups.length && groups[end].equals("0")) {
                end++;
            }
            if (end - i > bestLength) {
                bestStart = i;
                bestLength = end - i;
            }
            i = Math.max(end, i + 1);
        }
        if (bestStart < 0) {
            return full;
        }
        return String.join(":", Arrays.copyOfRange(groups, 0, bestStart))
                + "::" + String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length))
                + scope;
    }
}
