package dev.switchboard.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Settings} over one object of a Typesafe {@link Config}. Every failure is a
 * {@link SettingsException} whose message reads
 * {@code <file>:<line>: <full path>: expected <what>, got <value>}.
 */
public final class HoconSettings implements Settings {

    private final Config config;
    private final String path;

    private HoconSettings(Config config, String path) {
        this.config = Objects.requireNonNull(config, "config");
        this.path = Objects.requireNonNull(path, "path");
    }

    /**
     * @param config the component's resolved configuration object
     * @param path its full path in the whole configuration, such as {@code switchboard.endpoints.tcp}
     * @return a settings view
     */
    public static HoconSettings of(Config config, String path) {
        return new HoconSettings(config, path);
    }

    /** @return the configuration behind this view */
    public Config config() {
        return config;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public boolean has(String key) {
        return config.hasPath(key);
    }

    @Override
    public String string(String key) {
        return read(key, "a string", () -> config.getString(key));
    }

    @Override
    public String oneOf(String key, List<String> allowed) {
        String expected = "one of " + String.join(", ", allowed);
        String value = read(key, expected, () -> config.getString(key));
        if (!allowed.contains(value)) {
            throw invalid(key, expected);
        }
        return value;
    }

    @Override
    public int integer(String key, int min, int max) {
        String expected = "an integer from " + min + " to " + max;
        int value = read(key, expected, () -> config.getInt(key));
        if (value < min || value > max) {
            throw invalid(key, expected);
        }
        return value;
    }

    @Override
    public long bytes(String key, long min, long max) {
        String expected = "a size from " + min + " to " + max + " bytes, such as 64KiB";
        long value = read(key, expected, () -> config.getBytes(key));
        if (value < min || value > max) {
            throw invalid(key, expected);
        }
        return value;
    }

    @Override
    public Duration duration(String key) {
        String expected = "a non-negative duration such as 5s or 250ms";
        Duration value = read(key, expected, () -> config.getDuration(key));
        if (value.isNegative()) {
            throw invalid(key, expected);
        }
        return value;
    }

    @Override
    public boolean bool(String key) {
        return read(key, "true or false", () -> config.getBoolean(key));
    }

    @Override
    public List<String> strings(String key) {
        return List.copyOf(read(key, "a list of strings", () -> config.getStringList(key)));
    }

    @Override
    public SettingsException invalid(String key, String expected) {
        if (!config.hasPathOrNull(key)) {
            return missing(key, expected);
        }
        ConfigValue value = config.getValue(key);
        return new SettingsException(where(value.origin()) + fullPath(key) + ": expected " + expected
                + ", got " + value.render(ConfigRenderOptions.concise()));
    }

    private <T> T read(String key, String expected, Supplier<T> getter) {
        if (!config.hasPath(key)) {
            throw missing(key, expected);
        }
        try {
            return getter.get();
        } catch (ConfigException.WrongType | ConfigException.BadValue e) {
            SettingsException failure = invalid(key, expected);
            failure.initCause(e);
            throw failure;
        }
    }

    private SettingsException missing(String key, String expected) {
        return new SettingsException(
                where(config.root().origin()) + fullPath(key) + ": missing; expected " + expected);
    }

    private String fullPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /**
     * Where a value was read, as every settings error begins.
     *
     * @param origin the value's origin; may be null
     * @return {@code "file:line: "} (or {@code "file: "} without a line), the origin's own
     *     description followed by {@code ": "} when it is not a file (such as
     *     {@code "system properties: "}), or {@code ""} for a null origin
     */
    public static String where(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String file = origin.filename() != null ? origin.filename()
                : origin.url() != null ? origin.url().toString() : null;
        if (file == null) {
            return origin.description() + ": ";
        }
        return origin.lineNumber() > 0 ? file + ":" + origin.lineNumber() + ": " : file + ": ";
    }
}
