package dev.switchboard.launcher.plugin;

import dev.switchboard.launcher.LaunchException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The providers of one kind (transports, or services) by name, each name given once.
 *
 * @param <P> the provider type
 */
public final class Catalog<P> {

    private final Map<String, Discovered<P>> byName = new TreeMap<>();

    /**
     * @param kind what the providers provide, for messages: {@code "transport"} or {@code "service"}
     * @param providers every provider found
     * @throws LaunchException if a provider has no name, or two have the same, naming their origins
     */
    public Catalog(String kind, Collection<Discovered<P>> providers) {
        for (Discovered<P> provider : providers) {
            if (provider.name() == null || provider.name().isBlank()) {
                throw LaunchException.badConfiguration("the " + kind + " provider "
                        + provider.provider().getClass().getName() + " (" + provider.origin() + ") has no name");
            }
            Discovered<P> first = byName.putIfAbsent(provider.name(), provider);
            if (first != null) {
                throw LaunchException.badConfiguration("two " + kind + "s are named \"" + provider.name() + "\": one in "
                        + first.origin() + ", one in " + provider.origin() + "; remove one of them");
            }
        }
    }

    /**
     * @param name a configured name
     * @return the provider of that name
     */
    public Optional<Discovered<P>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** @return every provider with its origin, sorted by name, such as {@code "tcp (built-in module ...), udp (...)"} */
    public String available() {
        return byName.isEmpty() ? "none"
                : byName.values().stream().map(Discovered::toString).collect(Collectors.joining(", "));
    }
}
