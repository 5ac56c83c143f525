package dev.switchboard.soak;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The addresses of the soak's traffic, all on the loopback interface. The server listens on
 * 127.0.0.1. Hostile clients connect from 127.0.0.1, well-behaved ones from 127.0.0.2 (Linux
 * routes all of 127.0.0.0/8 to loopback), so that a per-source limit of the server treats them as
 * the different hosts they stand for.
 */
final class Loopback {

    /** Where the server listens. */
    static final String SERVER = "127.0.0.1";

    private Loopback() {}

    /** @return the local address well-behaved clients bind to, port 0 */
    static InetSocketAddress wellBehavedSource() {
        return source("127.0.0.2");
    }

    /** @return the local address hostile clients bind to, port 0 */
    static InetSocketAddress hostileSource() {
        return source(SERVER);
    }

    private static InetSocketAddress source(String host) {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), 0);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a literal address cannot be unknown: " + host, e);
        }
    }
}
