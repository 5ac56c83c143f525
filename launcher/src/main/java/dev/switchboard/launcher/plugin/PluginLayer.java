package dev.switchboard.launcher.plugin;

import com.typesafe.config.Config;
import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.MessageServiceProvider;
import dev.switchboard.api.TransportProvider;
import java.util.List;

/**
 * One plugin, loaded: a jar (or a folder of jars) in a module layer of its own over the launcher's.
 *
 * @param name the jar's file name, or the folder's name followed by {@code /}
 * @param layer the plugin's module layer
 * @param transports the transport providers its modules provide
 * @param services the service providers its modules provide
 * @param framings the framing providers its modules provide
 * @param reference its modules' root-level {@code reference.conf} contents, merged
 */
public record PluginLayer(
        String name,
        ModuleLayer layer,
        List<Discovered<TransportProvider>> transports,
        List<Discovered<MessageServiceProvider>> services,
        List<Discovered<FrameCodecProvider>> framings,
        Config reference) {

    /** Copies the lists. */
    public PluginLayer {
        transports = List.copyOf(transports);
        services = List.copyOf(services);
        framings = List.copyOf(framings);
    }
}
