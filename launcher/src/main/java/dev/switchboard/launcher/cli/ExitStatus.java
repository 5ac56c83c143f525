package dev.switchboard.launcher.cli;

/**
 * The exit statuses of the commands. The server's own, 1 (an endpoint could not start) and 2 (a
 * configuration or plugin problem), are {@link dev.switchboard.launcher.LaunchException}'s.
 */
final class ExitStatus {

    /** The command did what was asked; for {@code send}, every request was answered. */
    static final int OK = 0;
    /** {@code plugins}: at least one plugin failed to load. */
    static final int PLUGIN_FAILED = 1;
    /** A bad option or argument (picocli's usage status); also a bad configuration. */
    static final int USAGE = 2;
    /** No reply (or no connection) within {@code --timeout}. */
    static final int TIMEOUT = 3;
    /** Nothing listens at the address: the connection was refused, or the datagram's port unreachable. */
    static final int REFUSED = 4;
    /** The connection failed otherwise (unknown host, reset), or closed before the whole reply. */
    static final int CONNECTION_FAILED = 5;

    private ExitStatus() {}
}
