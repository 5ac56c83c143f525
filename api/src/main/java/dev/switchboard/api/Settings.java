package dev.switchboard.api;

import java.time.Duration;
import java.util.List;

/**
 * A read-only view of one component's configuration, with typed getters that fail clearly.
 *
 * <p>Keys are relative to the component, such as {@code "port"} or {@code "max-message-bytes"};
 * dotted keys reach into nested objects. Every getter throws a {@link SettingsException} naming
 * the file and line the value came from, its full path and what was expected, so that providers can
 * validate by simply reading each setting once in {@code create}.
 *
 * <p>Defaults come from the component module's {@code reference.conf}, so every setting the module
 * documents there is present.
 */
public interface Settings {

    /**
     * The full path of this view in the configuration, such as {@code "switchboard.endpoints.tcp"}.
     *
     * @return the path, for messages
     */
    String path();

    /**
     * @param key a relative key
     * @return whether the key is set (to anything but null)
     */
    boolean has(String key);

    /**
     * @param key a relative key
     * @return the value as a string
     * @throws SettingsException if missing or not a string, number or boolean
     */
    String string(String key);

    /**
     * @param key a relative key
     * @param allowed the values accepted
     * @return the value, one of {@code allowed}
     * @throws SettingsException if missing or not one of {@code allowed}
     */
    String oneOf(String key, List<String> allowed);

    /**
     * @param key a relative key
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value
     * @throws SettingsException if missing, not an integer, or out of range
     */
    int integer(String key, int min, int max);

    /**
     * A size in bytes, written as a number of bytes or with a unit: {@code 65507}, {@code 64KiB},
     * {@code 4 MiB}.
     *
     * @param key a relative key
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the size in bytes
     * @throws SettingsException if missing, not a size, or out of range
     */
    long bytes(String key, long min, long max);

    /**
     * A duration with a unit, such as {@code 5s}, {@code 250ms} or {@code 2 minutes}. Negative
     * durations are rejected.
     *
     * @param key a relative key
     * @return the duration
     * @throws SettingsException if missing, not a duration, or negative
     */
    Duration duration(String key);

    /**
     * @param key a relative key
     * @return the value, from {@code true}/{@code false} (or {@code yes}/{@code no}, {@code on}/{@code off})
     * @throws SettingsException if missing or not a boolean
     */
    boolean bool(String key);

    /**
     * @param key a relative key
     * @return the value, a list of strings
     * @throws SettingsException if missing or not a list of strings
     */
    List<String> strings(String key);

    /**
     * An exception for a value that is present and of the right type but still wrong, such as a
     * host name that does not resolve, naming where the value came from.
     *
     * @param key the relative key of the bad value
     * @param expected what would have been accepted, such as {@code "a resolvable host name"}
     * @return the exception, for the caller to throw
     */
    SettingsException invalid(String key, String expected);
}
