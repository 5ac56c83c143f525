package dev.switchboard.launcher.plugin;

import static java.lang.System.Logger.Level.DEBUG;

import dev.switchboard.api.TransportProvider;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Runs {@link TransportProvider#prepare()} of the transports the launcher ships with, on a thread
 * of its own, while the main thread reads the configuration and loads the plugins: on JDK 22 and
 * later, linking the native calls of the epoll and batched datagram paths was the largest share
 * of the start before the first port listened (docs/DECISIONS.md). Plugins' transports are not
 * prepared: their layer exists only once the configuration says where the plugins are.
 */
public final class TransportPreparation {

    private TransportPreparation() {}

    /** Starts preparing every transport provider of the boot layer, on a daemon thread. */
    public static void startInBackground() {
        Thread thread = new Thread(TransportPreparation::prepareEach, "switchboard-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    private static void prepareEach() {
        try {
            ServiceLoader.load(ModuleLayer.boot(), TransportProvider.class).forEach(TransportProvider::prepare);
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            System.getLogger("switchboard.launcher")
                    .log(DEBUG, "preparing the transports failed; the start that needs what failed says why", e);
        }
    }
}
