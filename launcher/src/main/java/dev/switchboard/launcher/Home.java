package dev.switchboard.launcher;

import java.nio.file.Path;

/**
 * Switchboard's installation directory, holding {@code bin/}, {@code lib/}, {@code config/} and
 * {@code plugins/}. Relative paths in the configuration resolve against it.
 *
 * @param directory the directory; relative paths are relative to the working directory
 */
public record Home(Path directory) {

    /**
     * @return the directory named by the system property {@code switchboard.home}, which
     *     {@code bin/switchboard} sets, or else the working directory
     */
    public static Home fromSystemProperty() {
        String home = System.getProperty("switchboard.home");
        return new Home(Path.of(home == null ? "" : home));
    }

    /** @return {@code config/switchboard.conf} in this directory */
    public Path defaultConfig() {
        return directory.resolve("config").resolve("switchboard.conf");
    }

    /**
     * @param path a path from the configuration
     * @return the path itself if absolute, else resolved against this directory
     */
    public Path resolve(String path) {
        return directory.resolve(path);
    }
}
