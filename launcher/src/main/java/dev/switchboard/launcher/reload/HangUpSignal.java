package dev.switchboard.launcher.reload;

import static java.lang.System.Logger.Level.WARNING;

import sun.misc.Signal;

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
     *     ({@code -Xrs}) reserve the signal, which is logged
     */
    public static boolean install(Reloads reloads) {
        try {
            Signal.handle(new Signal("HUP"), signal -> reloads.request());
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.log(WARNING, "SIGHUP cannot reload here (" + e.getMessage() + "): a restart applies a new configuration");
            return false;
        }
    }
}
