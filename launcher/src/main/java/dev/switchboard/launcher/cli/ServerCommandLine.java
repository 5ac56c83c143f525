package dev.switchboard.launcher.cli;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Recognises the command lines that only serve: nothing, {@code serve}, and either followed by
 * {@code --config FILE} (or {@code --config=FILE}) at most once and any {@code -Dsetting=value}.
 * These are read here without building picocli's model of the commands, which cost over a quarter
 * of the server's start-up processor time (docs/DECISIONS.md, decision 36); anything else,
 * {@code --help} and every mistake among it, is picocli's to read and to explain. What this
 * accepts, it reads as picocli does.
 */
final class ServerCommandLine {

    private static final String CONFIG = "--config";

    private ServerCommandLine() {}

    /**
     * @param args the command line
     * @return its {@code --config} and {@code -D} options if it is one that only serves, else empty
     */
    static Optional<ConfigOptions> read(String... args) {
        int i = args.length > 0 && args[0].equals("serve") ? 1 : 0;
        Path config = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        while (i < args.length) {
            String arg = args[i++];
            String file;
            if (arg.equals(CONFIG) && i < args.length) {
                file = args[i++];
            } else if (arg.startsWith(CONFIG + "=")) {
                file = arg.substring(CONFIG.length() + 1);
            } else if (isOverride(arg)) {
                int equals = arg.indexOf('=');
                overrides.put(arg.substring(2, equals), arg.substring(equals + 1));
                continue;
            } else {
                return Optional.empty();
            }
            // Twice, an option's look-alike or an argument file (@FILE): picocli's to refuse or expand.
            if (config != null || file.isEmpty() || file.startsWith("-") || file.startsWith("@")) {
                return Optional.empty();
            }
            try {
                config = Path.of(file);
            } catch (InvalidPathException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new ConfigOptions(config, overrides));
    }

    /** {@code -Dsetting=value} with a setting name; anything else starting with {@code -D} is left to picocli. */
    private static boolean isOverride(String arg) {
        return arg.startsWith("-D") && arg.indexOf('=') > 2;
    }
}
