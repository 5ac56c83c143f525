package dev.switchboard.api;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The framings an endpoint may name, by name: what {@link TransportContext#frameCodec(String, int)}
 * looks codecs up in. The launcher passes one holding every {@link FrameCodecProvider} of its own
 * modules and of the plugins; {@link #installed()} finds those visible to the api's class loader.
 * Implementations are safe to use from any thread.
 */
public interface Framings {

    /**
     * @param name a framing's name, such as {@code "line"}
     * @return the provider of that name, if any
     */
    Optional<FrameCodecProvider> find(String name);

    /**
     * @return every framing's name with where it comes from, sorted by name, for a message about an
     *     unknown one: such as {@code "line (built-in module dev.switchboard.transport.stream), raw
     *     (...)"}; {@code "none"} if there is none
     */
    String available();

    /**
     * The framings {@link ServiceLoader} finds from the api's class loader: the modules of the boot
     * layer and the class path (where providers are declared in {@code META-INF/services}). Looked
     * up once, at the first call to {@code find} or {@code available}.
     *
     * @return the installed framings
     */
    static Framings installed() {
        return new Framings() {
            private volatile List<FrameCodecProvider> providers;

            @Override
            public Optional<FrameCodecProvider> find(String name) {
                return providers().stream().filter(provider -> provider.name().equals(name)).findFirst();
            }

            @Override
            public String available() {
                List<FrameCodecProvider> all = providers();
                return all.isEmpty() ? "none" : all.stream()
                        .map(provider -> provider.name() + " (" + origin(provider.getClass().getModule()) + ")")
                        .collect(Collectors.joining(", "));
            }

            private List<FrameCodecProvider> providers() {
                List<FrameCodecProvider> found = providers;
                if (found == null) {
                    found = ServiceLoader.load(FrameCodecProvider.class, Framings.class.getClassLoader()).stream()
                            .map(ServiceLoader.Provider::get)
                            .sorted(Comparator.comparing(FrameCodecProvider::name))
                            .toList();
                    providers = found;
                }
                return found;
            }

            private String origin(Module module) {
                return module.isNamed() ? "module " + module.getName() : "class path";
            }
        };
    }
}
