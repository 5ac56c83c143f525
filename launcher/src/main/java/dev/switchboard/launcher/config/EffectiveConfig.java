package dev.switchboard.launcher.config;

import com.typesafe.config.Config;
import java.nio.file.Path;

/**
 * The configuration the launcher runs with.
 *
 * @param config everything merged and resolved: overrides, the file, then every module's defaults
 * @param reference the modules' {@code reference.conf} defaults alone, which declare the settings
 *     each transport and service has
 * @param file the configuration file, for messages about what it lacks
 */
public record EffectiveConfig(Config config, Config reference, Path file) {}
