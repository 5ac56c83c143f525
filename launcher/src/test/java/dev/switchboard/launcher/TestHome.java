package dev.switchboard.launcher;

import com.google.inject.Module;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * A Switchboard home directory for a test: {@code config/switchboard.conf} holds the given HOCON,
 * {@code plugins/} whatever the test copies there.
 *
 * @param directory the home directory, usually a {@code @TempDir}
 */
public record TestHome(Path directory) {

    /**
     * @param hocon the configuration file's content
     * @return the file
     */
    public Path configure(String hocon) {
        Path file = new Home(directory).defaultConfig();
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, hocon);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** @return the plugins folder, created */
    public Path plugins() {
        try {
            return Files.createDirectories(directory.resolve("plugins"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param overrides bindings replacing the launcher's
     * @return a launcher for this home, without system property overrides
     */
    public Launcher launcher(Module... overrides) {
        return launcher(new Properties(), overrides);
    }

    /**
     * @param systemProperties the overrides the launcher sees as system properties
     * @param overrides bindings replacing the launcher's
     * @return a launcher for this home
     */
    public Launcher launcher(Properties systemProperties, Module... overrides) {
        return Launcher.create(new CommandLine(Optional.empty()), new Home(directory), systemProperties, overrides);
    }
}
