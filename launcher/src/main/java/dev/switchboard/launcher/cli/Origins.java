package dev.switchboard.launcher.cli;

import com.typesafe.config.ConfigOrigin;
import dev.switchboard.launcher.plugin.PluginLayer;
import dev.switchboard.launcher.plugin.Plugins;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a configuration value came from, for people: {@code config/switchboard.conf:24},
 * {@code reference.conf:8 of dev.switchboard.transport.tcp}, {@code -D (system property)}.
 */
final class Origins {

    /** The folder or jar each module was loaded from, to name the module of a {@code reference.conf}. */
    private final Map<Path, String> modulesByLocation;

    private Origins(Map<Path, String> modulesByLocation) {
        this.modulesByLocation = modulesByLocation;
    }

    /**
     * @param plugins the plugins loaded, whose modules may hold a {@code reference.conf} too
     * @return origins that know the launcher's modules and the plugins'
     */
    static Origins of(Plugins plugins) {
        List<ModuleLayer> layers = new ArrayList<>();
        ModuleLayer own = Origins.class.getModule().getLayer();
        layers.add(own != null ? own : ModuleLayer.boot());
        plugins.loaded().stream().map(PluginLayer::layer).forEach(layers::add);
        Map<Path, String> modules = new TreeMap<>();
        for (ModuleLayer layer : layers) {
            layer.configuration().modules().forEach(module -> module.reference().location()
                    .filter(location -> "file".equals(location.getScheme()))
                    .ifPresent(location -> modules.put(Path.of(location), module.name())));
        }
        return new Origins(modules);
    }

    /**
     * @param origin a value's origin
     * @return it in a few words
     */
    String describe(ConfigOrigin origin) {
        String line = origin.lineNumber() > 0 ? ":" + origin.lineNumber() : "";
        Optional<String> module = module(origin.url());
        if (module.isPresent()) {
            String path = origin.url().getPath();
            return path.substring(path.lastIndexOf('/') + 1) + line + " of " + module.get();
        }
        if (origin.filename() != null) {
            return origin.filename() + line;
        }
        if (origin.url() != null) {
            return origin.url() + line;
        }
        String description = origin.description();
        if (description.startsWith("system properties")) {
            return "-D (system property)";
        }
        if (description.startsWith("env variables overrides")) {
            return "environment (CONFIG_FORCE_...)";
        }
        if (description.startsWith("env variables")) {
            return "environment (a ${?VARIABLE} in the file)";
        }
        return description;
    }

    /** The module whose jar or folder holds the resource at {@code url}. */
    private Optional<String> module(URL url) {
        if (url == null) {
            return Optional.empty();
        }
        String spec = url.toString();
        if (spec.startsWith("jar:")) {
            int separator = spec.indexOf("!/");
            spec = spec.substring("jar:".length(), separator < 0 ? spec.length() : separator);
        }
        Path container;
        try {
            URI uri = new URI(spec);
            if (!"file".equals(uri.getScheme())) {
                return Optional.empty();
            }
            container = Path.of(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return modulesByLocation.entrySet().stream()
                .filter(module -> container.startsWith(module.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
