package dev.switchboard.launcher.logging;

import java.util.logging.LogManager;

/**
 * The JDK's {@link LogManager}, except that it keeps its handlers open while the launcher's
 * shutdown hook logs the endpoints' last lines. The JDK's own shutdown hook resets the manager,
 * closing every handler, and shutdown hooks run concurrently: without this, what the launcher logs
 * while stopping is lost. {@code bin/switchboard} installs it with
 * {@code -Djava.util.logging.manager=dev.switchboard.launcher.logging.ShutdownAwareLogManager}.
 */
public final class ShutdownAwareLogManager extends LogManager {

    /** The JDK's shutdown hook, {@code LogManager.Cleaner}: its reset is the one to hold back. */
    private static final String JDK_SHUTDOWN_HOOK = LogManager.class.getName() + "$Cleaner";

    private volatile boolean holding;

    /** Called by {@link LogManager} when named by {@code java.util.logging.manager}. */
    public ShutdownAwareLogManager() {}

    /**
     * From now on, the reset that the JVM's shutdown triggers leaves the handlers open; the
     * launcher's own shutdown hook closes them with {@link #releaseHandlers()}.
     */
    public void holdHandlersAtShutdown() {
        holding = true;
    }

    /** Undoes {@link #holdHandlersAtShutdown()}: the JVM's shutdown closes the handlers, as usual. */
    public void closeHandlersAtShutdown() {
        holding = false;
    }

    /** Closes the handlers, flushing what they hold: the launcher's shutdown hook has logged its last line. */
    public void releaseHandlers() {
        holding = false;
        super.reset();
    }

    @Override
    public void reset() {
        if (holding && Thread.currentThread().getClass().getName().equals(JDK_SHUTDOWN_HOOK)) {
            return;
        }
        super.reset();
    }
}
