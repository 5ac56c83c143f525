package dev.switchboard.launcher.cli;

import dev.switchboard.launcher.Launcher;

/** What {@code switchboard} and {@code switchboard serve} do: the server's life cycle, which the launcher's {@code Main} owns. */
@FunctionalInterface
public interface Serving {

    /**
     * Serves until the process is told to stop; called on the main thread.
     *
     * @param launcher the launcher over the configuration the command line names
     * @return the exit status, if it returns at all (a stopped server ends the process from its shutdown hook)
     * @throws dev.switchboard.launcher.LaunchException if the configuration is bad or an endpoint cannot start
     */
    int serve(Launcher launcher);

    /**
     * Called on the main thread as soon as the command line is known to serve, before the
     * configuration is read: starts in the background what any start needs. Does nothing by default.
     */
    default void prepare() {}
}
