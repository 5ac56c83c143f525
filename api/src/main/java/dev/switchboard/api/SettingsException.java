package dev.switchboard.api;

/**
 * A configuration value is missing or wrong. The message names where it came from (file and line),
 * its full path and what was expected, and is meant to be shown to the user as it is.
 */
public final class SettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where, which path, what was expected and what was found */
    public SettingsException(String message) {
        super(message);
    }

    /**
     * @param message where, which path, what was expected and what was found
     * @param cause the underlying parse failure
     */
    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
