package dev.switchboard.transport;

import dev.switchboard.api.Settings;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which IP peers an endpoint serves, from its {@code allow} and {@code deny} settings: a peer in a
 * {@code deny} block is refused; any other is served if {@code allow} is empty or holds it. Deny wins,
 * so {@code allow = ["10.0.0.0/8"], deny = ["10.6.6.0/24"]} serves 10/8 but that /24. Immutable, and
 * so safe from any thread.
 *
 * @param allow the blocks served; empty = every address
 * @param deny the blocks refused, whatever {@code allow} says
 */
public record AccessList(List<Cidr> allow, List<Cidr> deny) {

    /** Serves every address. */
    public static final AccessList EVERYONE = new AccessList(List.of(), List.of());

    /** Copies the lists, which must not be null. */
    public AccessList {
        allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
        deny = List.copyOf(Objects.requireNonNull(deny, "deny"));
    }

    /**
     * @param settings the endpoint's settings, with {@code allow} and {@code deny} lists of strings
     * @return the lists, each entry parsed by {@link Cidr#parse}
     * @throws dev.switchboard.api.SettingsException naming the file, the key and the bad entry
     */
    public static AccessList from(Settings settings) {
        return new AccessList(blocks(settings, "allow"), blocks(settings, "deny"));
    }

    /**
     * @param settings an endpoint's settings
     * @param key a list of strings, such as {@code allow}
     * @return each entry parsed by {@link Cidr#parse}
     * @throws dev.switchboard.api.SettingsException naming the file, the key and the bad entry
     */
    public static List<Cidr> blocks(Settings settings, String key) {
        List<Cidr> blocks = new ArrayList<>();
        for (String entry : settings.strings(key)) {
            try {
                blocks.add(Cidr.parse(entry.strip()));
            } catch (IllegalArgumentException e) {
                throw settings.invalid(key, "a list of IP addresses and CIDR blocks; " + e.getMessage());
            }
        }
        return blocks;
    }

    /** @return whether every address is served: no block in either list */
    public boolean isEveryone() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /**
     * @param address a peer's address
     * @return whether it is served
     */
    public boolean admits(InetAddress address) {
        if (isEveryone()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        boolean ipv4 = IpBits.isIpv4(bytes);
        long high = IpBits.high(bytes);
        long low = IpBits.low(bytes);
        for (Cidr block : deny) {
            if (block.contains(ipv4, high, low)) {
                return false;
            }
        }
        if (allow.isEmpty()) {
            return true;
        }
        for (Cidr block : allow) {
            if (block.contains(ipv4, high, low)) {
                return true;
            }
        }
        return false;
    }
}
