package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.Home;
import dev.switchboard.launcher.Launcher;
import java.io.InputStream;
import java.util.Properties;

/**
 * What the commands work with beyond their arguments; tests give their own.
 *
 * @param home the installation directory
 * @param systemProperties the process's properties, {@code switchboard.*} overrides among them
 * @param stdin what {@code send} reads its lines from
 * @param serving what serving means
 */
public record Context(Home home, Properties systemProperties, InputStream stdin, Serving serving) {

    /** Guice's generated classes cannot reach the launcher's unexported packages; bin/switchboard sets this too. */
    private static final String GUICE_BYTECODE_GENERATION = "guice_bytecode_gen_option";

    /**
     * Serves the configuration the options name: {@link Serving#prepare()}, then
     * {@link Serving#serve} with a launcher over it.
     *
     * @param options the command's {@code --config} and {@code -D}
     * @return the exit status
     */
    int serve(ConfigOptions options) {
        serving.prepare();
        return serving.serve(launcher(options));
    }

    /**
     * @param options the command's {@code --config} and {@code -D}
     * @return a launcher over the configuration they name
     */
    Launcher launcher(ConfigOptions options) {
        if (System.getProperty(GUICE_BYTECODE_GENERATION) == null) {
            System.setProperty(GUICE_BYTECODE_GENERATION, "DISABLED");
        }
        return Launcher.create(options.commandLine(), home, options.properties(systemProperties));
    }
}
