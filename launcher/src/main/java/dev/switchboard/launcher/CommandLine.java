package dev.switchboard.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the launcher's object graph takes from the command line, which the commands of
 * {@code dev.switchboard.launcher.cli} parse.
 *
 * @param config the configuration file given with {@code --config}, relative to the working
 *     directory; empty for {@code <home>/config/switchboard.conf}
 */
public record CommandLine(Optional<Path> config) {}
