package dev.switchboard.launcher.cli;

import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.TransportProvider;
import dev.switchboard.launcher.plugin.Discovered;
import dev.switchboard.launcher.plugin.PluginLayer;
import dev.switchboard.launcher.plugin.Plugins;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * One kind of provider that {@code plugins} lists: where the launcher's own layer and a plugin's
 * layer hold them, and how each is named.
 *
 * @param kind the kind, singular, as the listing's first column shows it
 * @param type the provider interface, which the launcher's module {@code uses}
 * @param naming the provider's name
 * @param inPlugin the providers a loaded plugin brought
 * @param <P> the provider interface
 */
record ProviderKind<P>(String kind, Class<P> type, Function<P, String> naming,
        Function<PluginLayer, List<Discovered<P>>> inPlugin) {

    /** Every kind, in the listing's order. */
    static final List<ProviderKind<?>> ALL = List.of(
            new ProviderKind<>("transport", TransportProvider.class, TransportProvider::name, PluginLayer::transports),
            new ProviderKind<>("service", MessageServiceProvider.class, MessageServiceProvider::name, PluginLayer::services),
            new ProviderKind<>("framing", FrameCodecProvider.class, FrameCodecProvider::name, PluginLayer::framings));

    /** The origin of the providers in the launcher's own layer. */
    static final String BUILT_IN = "built in";

    /**
     * @param plugins the plugins loaded
     * @return the built-in providers of this kind, then each plugin's, in plugin order
     */
    List<Discovered<P>> find(Plugins plugins) {
        List<Discovered<P>> found = new ArrayList<>();
        ServiceLoader.load(type, ProviderKind.class.getClassLoader()).stream().forEach(provider -> {
            P instance = provider.get();
            found.add(new Discovered<>(naming.apply(instance), instance, BUILT_IN));
        });
        plugins.loaded().forEach(plugin -> found.addAll(inPlugin.apply(plugin)));
        return found;
    }
}
