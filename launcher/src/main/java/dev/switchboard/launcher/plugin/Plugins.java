package dev.switchboard.launcher.plugin;

import com.typesafe.config.Config;
import java.util.List;

/**
 * What loading the plugins folder gave: the plugins loaded and those that could not be, which do not
 * stop the others from loading.
 *
 * @param loaded the plugins loaded, sorted by name
 * @param failed the plugins that could not be loaded, with why
 */
public record Plugins(List<PluginLayer> loaded, List<Failure> failed) {

    /** No plugins at all. */
    public static final Plugins NONE = new Plugins(List.of(), List.of());

    /** Copies the lists. */
    public Plugins {
        loaded = List.copyOf(loaded);
        failed = List.copyOf(failed);
    }

    /** @return every loaded plugin's {@code reference.conf} contents, in plugin order */
    public List<Config> references() {
        return loaded.stream().map(PluginLayer::reference).toList();
    }

    /**
     * A plugin that could not be loaded.
     *
     * @param name the jar's file name, or the folder's name followed by {@code /}
     * @param reason one line: what went wrong, naming the jar files involved
     */
    public record Failure(String name, String reason) {}
}
