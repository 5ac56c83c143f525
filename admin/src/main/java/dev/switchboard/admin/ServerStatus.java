package dev.switchboard.admin;

import java.util.List;

/**
 * The server as the admin endpoint reads it: implemented by the launcher, called on the admin
 * endpoint's thread at every scrape and health check, so it must be safe to call from any thread.
 */
@FunctionalInterface
public interface ServerStatus {

    /**
     * @return every endpoint the server has, whatever its state, in a stable order; empty before
     *     the server has created any
     */
    List<EndpointStatus> status();
}
