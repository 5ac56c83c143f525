package dev.switchboard.launcher.plugin;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.launcher.LaunchException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The providers of one kind (transports, or services) by name. Two providers of one name (a plugin's
 * service named like a built-in one, say) are a clash: logged as a warning when the catalog is
 * built, and an error only for an endpoint that uses the name.
 *
 * @param <P> the provider type
 */
public final class Catalog<P> {

    private static final System.Logger LOG = System.getLogger("switchboard.plugins");

    private final String kind;
    private final Map<String, List<Discovered<P>>> byName = new TreeMap<>();

    /**
     * @param kind what the providers provide, for messages: {@code "transport"} or {@code "service"}
     * @param providers every provider found
     * @throws LaunchException if a provider has no name
     */
    public Catalog(String kind, Collection<Discovered<P>> providers) {
        this.kind = kind;
        for (Discovered<P> provider : providers) {
            if (provider.name() == null || provider.name().isBlank()) {
                throw LaunchException.badConfiguration("the " + kind + " provider "
                        + provider.provider().getClass().getName() + " (" + provider.origin() + ") has no name");
            }
            byName.computeIfAbsent(provider.name(), name -> new ArrayList<>()).add(provider);
        }
        byName.keySet().forEach(name -> clash(name).ifPresent(clash -> LOG.log(WARNING,
                clash + "; an endpoint that uses \"" + name + "\" cannot start until one of them is removed")));
    }

    /**
     * @param name a configured name
     * @return the provider of that name; empty if there is none, or more than one ({@link #clash})
     */
    public Optional<Discovered<P>> find(String name) {
        List<Discovered<P>> found = byName.getOrDefault(name, List.of());
        return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
    }

    /**
     * @param name a configured name
     * @return if more than one provider has that name, a message naming each one's origin, such as
     *     {@code two services are named "uppercase": one in built-in module ..., one in plugin shadow.jar}
     */
    public Optional<String> clash(String name) {
        List<Discovered<P>> found = byName.getOrDefault(name, List.of());
        if (found.size() < 2) {
            return Optional.empty();
        }
        return Optional.of((found.size() == 2 ? "two" : String.valueOf(found.size())) + " " + kind + "s are named \""
                + name + "\": " + found.stream().map(provider -> "one in " + provider.origin())
                        .collect(Collectors.joining(", ")));
    }

    /**
     * @return every provider with its origin, sorted by name, such as {@code "tcp (built-in module ...),
     *     udp (...)"}, followed by the names no endpoint can use because more than one provider has them
     */
    public String available() {
        if (byName.isEmpty()) {
            return "none";
        }
        String listing = byName.values().stream().flatMap(List::stream).map(Discovered::toString)
                .collect(Collectors.joining(", "));
        List<String> clashing = byName.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                .map(Map.Entry::getKey).toList();
        return clashing.isEmpty() ? listing
                : listing + "; unusable until one of each is removed, as more than one " + kind + " has the name: "
                        + String.join(", ", clashing);
    }
}
