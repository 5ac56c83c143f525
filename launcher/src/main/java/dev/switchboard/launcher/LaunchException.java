package dev.switchboard.launcher;

import com.typesafe.config.ConfigOrigin;
import dev.switchboard.settings.HoconSettings;

/**
 * Why the launcher cannot go on: a message for the user, one line meant to be shown as it is (control
 * characters escaped), and the exit status of the process.
 */
public final class LaunchException extends RuntimeException {

    /** Exit status for a configuration or plugin problem. */
    public static final int BAD_CONFIGURATION = 2;
    /** Exit status for an endpoint that could not start, such as a port in use. */
    public static final int START_FAILED = 1;

    private static final long serialVersionUID = 1L;

    private final int status;

    private LaunchException(int status, String message, Throwable cause) {
        super(oneLine(message), cause);
        this.status = status;
    }

    /**
     * @param message what is wrong and where
     * @return an exception with status {@link #BAD_CONFIGURATION}
     */
    public static LaunchException badConfiguration(String message) {
        return new LaunchException(BAD_CONFIGURATION, message, null);
    }

    /**
     * @param message what is wrong and where
     * @param cause the underlying failure, kept for debugging
     * @return an exception with status {@link #BAD_CONFIGURATION}
     */
    public static LaunchException badConfiguration(String message, Throwable cause) {
        return new LaunchException(BAD_CONFIGURATION, message, cause);
    }

    /**
     * A configuration problem at one value: {@code <file>:<line>: <path>: <problem>}, the shape of
     * every settings error.
     *
     * @param origin where the value was read
     * @param path the value's full path, such as {@code switchboard.endpoints.tcp.transport}
     * @param problem what is wrong with it
     * @return an exception with status {@link #BAD_CONFIGURATION}
     */
    public static LaunchException at(ConfigOrigin origin, String path, String problem) {
        return badConfiguration(HoconSettings.where(origin) + path + ": " + problem);
    }

    /**
     * @param message which endpoint failed and why
     * @param cause the underlying failure
     * @return an exception with status {@link #START_FAILED}
     */
    public static LaunchException startFailed(String message, Throwable cause) {
        return new LaunchException(START_FAILED, message, cause);
    }

    /** @return the exit status the process should end with */
    public int status() {
        return status;
    }

    /**
     * The message with its control characters escaped: Typesafe Config's parse errors quote the
     * offending text as it is, and a carriage return or an escape sequence in a configuration file
     * must not split or rewrite the log line that reports it.
     */
    private static String oneLine(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) {
            return message;
        }
        StringBuilder line = new StringBuilder(message.length() + 8);
        message.chars().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.append((char) c);
                    }
                }
            }
        });
        return line.toString();
    }

}
