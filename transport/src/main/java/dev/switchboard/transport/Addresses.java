package dev.switchboard.transport;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Arrays;

/** Socket addresses as log lines and error messages show them. */
public final class Addresses {

    private Addresses() {}

    /**
     * @param address a socket address
     * @return {@code host:port}, with an IPv6 host in brackets and in its short form (RFC 5952),
     *     such as {@code [::1]:12000} where the JDK would write {@code 0:0:0:0:0:0:0:1}
     */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() instanceof Inet6Address ipv6
                ? shortForm(ipv6.getHostAddress())
                : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
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
