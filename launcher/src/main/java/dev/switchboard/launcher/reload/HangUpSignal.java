package dev.switchboard.launcher.reload;

import static java.lang.System.Logger.Level.WARNING;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code SIGHUP} ({@code kill -HUP}) as a reload request, in place of the JVM's own handling, which
 * shuts the process down. Through {@code sun.misc.Signal} of {@code jdk.unsupported}, the one way
 * the JDK offers a named module to handle a signal.
 */
public final class HangUpSignal {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private HangUpSignal() {}

    /**
     * @param reloads where each {@code SIGHUP} goes; the handler only asks, it never waits
     * @return whether the handler is installed; false where the platform or the JVM's options
     *     ({@code -Xrs}) reserve the signal, or where the process started with it ignored (as
     *     {@code nohup} starts it: the JVM then leaves it ignored), which is logged
     */
    public static boolean install(Reloads reloads) {
        try {
            if (Signal.handle(new Signal("HUP"), signal -> reloads.request()) == SignalHandler.SIG_IGN) {
                LOG.log(WARNING, "SIGHUP cannot reload: this process started with it ignored (as nohup starts it),"
                        + " and the JVM keeps it so; start it without nohup for kill -HUP to reload, or restart"
                        + " it to apply a new configuration");
                return false;
            }
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(WARNING, "SIGHUP cannot reload here (" + e.getMessage() + "): a restart applies a new configuration");
            return false;
        }
    }
}
