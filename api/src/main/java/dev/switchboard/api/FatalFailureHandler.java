package dev.switchboard.api;

import static java.lang.System.Logger.Level.ERROR;

/**
 * What happens when a transport's serving thread (an event loop, an acceptor, a receive loop) dies
 * of a failure nothing could contain, such as an {@link OutOfMemoryError}: the endpoint no longer
 * serves as configured. The launcher's handler stops the process with a non-zero status, so that a
 * supervisor restarts it (docs/DECISIONS.md); an embedding application may choose otherwise.
 */
@FunctionalInterface
public interface FatalFailureHandler {

    /**
     * Called on the dying thread, once per thread; must return soon, and must not throw.
     *
     * @param endpoint the endpoint's name
     * @param thread the dying thread
     * @param cause what killed it
     */
    void serviceThreadDied(String endpoint, Thread thread, Throwable cause);

    /**
     * @param logger where to log
     * @return a handler that only logs each death at ERROR, with its cause
     */
    static FatalFailureHandler logging(System.Logger logger) {
        return (endpoint, thread, cause) -> logger.log(ERROR,
                "endpoint " + endpoint + ": " + thread.getName() + " died; the endpoint no longer serves fully", cause);
    }
}
