package dev.switchboard.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import dev.switchboard.api.SettingsException;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys a component's block of settings may hold: those its defaults declare in a
 * {@code reference.conf}, and those its host reads itself (the launcher's own endpoint keys). Any
 * other key is refused, so that a misspelt setting such as {@code max-conections} does not silently
 * keep its default. The launcher checks every endpoint and service entry with it, and the testkit
 * checks what a test configures, so that both refuse the same keys with the same message.
 */
public final class DeclaredKeys {

    private DeclaredKeys() {}

    /**
     * @param block the component's block as configured
     * @param path the block's full path, such as {@code switchboard.endpoints.tcp}
     * @param component what the block configures, for the message, such as {@code "transport tcp"}
     * @param reference the merged {@code reference.conf} defaults
     * @param referencePath where the component's defaults are, such as
     *     {@code switchboard.transports.tcp}; a component without defaults there declares nothing,
     *     and then any key is accepted
     * @param hostKeys keys its host reads itself, also accepted; may be empty
     * @throws SettingsException for the first unknown key in name order, reading
     *     {@code <file>:<line>: <path>.<key>: unknown setting for <component>; known settings: <keys>}
     */
    public static void requireDeclared(ConfigObject block, String path, String component, Config reference,
            String referencePath, Set<String> hostKeys) {
        if (!reference.hasPath(referencePath)) {
            return;
        }
        Set<String> known = new TreeSet<>(hostKeys);
        known.addAll(reference.getObject(referencePath).keySet());
        for (String key : new TreeSet<>(block.keySet())) {
            if (!known.contains(key)) {
                throw new SettingsException(HoconSettings.where(block.get(key).origin()) + path + "."
                        + ConfigUtil.joinPath(key) + ": unknown setting for " + component + "; known settings: "
                        + String.join(", ", known));
            }
        }
    }
}
