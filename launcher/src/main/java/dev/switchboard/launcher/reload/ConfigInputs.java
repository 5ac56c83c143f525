package dev.switchboard.launcher.reload;

import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a reload reads the configuration from again: the file the server started with and the
 * system properties its {@code -D} overrides came from (the environment is read anew).
 *
 * @param file the configuration file
 * @param systemProperties where {@code switchboard.*} overrides come from
 */
public record ConfigInputs(Path file, Properties systemProperties) {}
