package dev.switchboard.transport;

import java.util.Optional;
import java.util.function.Function;

/**
 * The provider of an I/O path through native calls that a transport serves with, or why it serves
 * with {@code java.nio} instead. Such a provider comes from a module compiled for JDK 22 and later
 * (the Foreign Function & Memory API), so it is absent on earlier runtimes.
 *
 * @param provider the usable provider, or null
 * @param unavailableReason why there is none, if {@code provider} is null; else null
 * @param <P> the provider's service type
 */
public record NativePath<P>(P provider, String unavailableReason) {

    /**
     * @param first the service's first provider, if any, loaded by the module that uses the service
     * @param module the module that provides it, for the reason it is absent
     * @param unavailableReason asks a provider why it cannot be used here (null if it can); it may
     *     fail, as initialising its native calls can
     * @param <P> the provider's service type
     * @return the first provider, if it says it is usable; else why not
     */
    public static <P> NativePath<P> of(Optional<P> first, String module, Function<P, String> unavailableReason) {
        if (first.isEmpty()) {
            int feature = Runtime.version().feature();
            return new NativePath<>(null, "the module " + module + " is not on the module path (" + (feature < 22
                    ? "it needs JDK 22 or later; this is " + feature
                    : "a distribution built with JDK 22 or later has it in lib/jdk22/") + ")");
        }
        String unavailable;
        try {
            unavailable = unavailableReason.apply(first.get());
        } catch (RuntimeException | LinkageError e) {
            unavailable = "the module " + module + " failed to initialise: " + e;
        }
        return unavailable != null ? new NativePath<>(null, unavailable) : new NativePath<>(first.get(), null);
    }
}
