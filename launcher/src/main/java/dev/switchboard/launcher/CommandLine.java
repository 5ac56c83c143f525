package dev.switchboard.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the command line asks for: {@code switchboard [--config FILE] [--check] [--help] [--version]}.
 *
 * @param config the configuration file given with {@code --config}, relative to the working directory
 * @param check whether to validate everything and print the plan instead of serving
 * @param help whether to print the usage and exit
 * @param version whether to print the version and exit
 */
public record CommandLine(Optional<Path> config, boolean check, boolean help, boolean version) {

    /** The usage text, ending with a newline. */
    public static final String USAGE = """
            usage: switchboard [--config FILE] [--check] [--help] [--version] [-Dsetting=value ...]

              --config FILE   the configuration file (default: <home>/config/switchboard.conf)
              --check         load the configuration and plugins and create every endpoint without
                              binding anything, print one line per endpoint, exit (0 if all is well)
              --help          print this text and exit
              --version       print the version and exit
              -Dsetting=value override one setting, e.g. -Dswitchboard.endpoints.tcp.port=13000
            """;

    /**
     * @param args the arguments after the program's name
     * @return what they ask for
     * @throws IllegalArgumentException naming an unknown option, or {@code --config} without a file
     */
    public static CommandLine parse(String... args) {
        Path config = null;
        boolean check = false;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--check" -> check = true;
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--config" -> {
                    if (++i == args.length) {
                        throw new IllegalArgumentException("--config needs a file");
                    }
                    config = Path.of(args[i]);
                }
                default -> {
                    if (!arg.startsWith("--config=")) {
                        throw new IllegalArgumentException(
                                (arg.startsWith("-") ? "unknown option " : "unexpected argument ") + arg);
                    }
                    config = Path.of(arg.substring("--config=".length()));
                }
            }
        }
        return new CommandLine(Optional.ofNullable(config), check, help, version);
    }
}
