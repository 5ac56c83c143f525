package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.api.FatalFailureHandler;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where every endpoint's transport reports a serving thread that died of a failure nothing
 * contained: the first report is logged with its cause and starts the {@linkplain #respondWith
 * response} on a thread of its own (the main class's stops every endpoint and exits with a non-zero
 * status), later ones are logged in a line each. Safe from any thread.
 */
public final class FatalFailures implements FatalFailureHandler {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");

    private final AtomicBoolean reported = new AtomicBoolean();
    private volatile Runnable response = () -> {};

    /** @param response what the first report starts, on a thread of its own; nothing until set */
    public void respondWith(Runnable response) {
        this.response = Objects.requireNonNull(response, "response");
    }

    @Override
    public void serviceThreadDied(String endpoint, Thread thread, Throwable cause) {
        if (!reported.compareAndSet(false, true)) {
            LOG.log(ERROR, "endpoint " + endpoint + ": " + thread.getName() + " died too: " + cause);
            return;
        }
        LOG.log(ERROR, "endpoint " + endpoint + ": " + thread.getName() + " died of " + cause
                + "; the process no longer serves as configured: stopping every endpoint, then exiting", cause);
        Runnable now = response;
        try {
            Thread responding = new Thread(now, "switchboard-fatal");
            responding.start();
        } catch (Throwable noThread) { // such as out of memory: respond on the dying thread instead
            now.run();
        }
    }
}
