package dev.switchboard.launcher.reload;

import dev.switchboard.launcher.endpoint.Endpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The endpoints of a new configuration against those serving, by name.
 *
 * @param unchanged serving endpoints whose transport and services are as configured: each pair's
 *     serving endpoint stays as it is
 * @param added endpoints of the new configuration only, to start
 * @param switched endpoints whose services changed and transport did not: the serving transport
 *     switches to the new endpoint's services
 * @param moved endpoints whose address or transport changed: the new one starts, then the old drains
 * @param pinned endpoints whose transport settings changed on the same address: the new transport
 *     takes over the serving one's sockets, or, where it cannot, only their services switch, if changed
 * @param removed serving endpoints the new configuration no longer has (or disables), to drain
 */
record EndpointChanges(List<Pair> unchanged, List<Endpoint> added, List<Pair> switched, List<Pair> moved,
        List<Pair> pinned, List<Endpoint> removed) {

    /**
     * A serving endpoint and the new configuration's endpoint of the same name.
     *
     * @param serving the endpoint serving now
     * @param next the endpoint created from the new configuration, unstarted
     */
    record Pair(Endpoint serving, Endpoint next) {}

    /**
     * @param serving the endpoints serving now
     * @param created the endpoints of the new configuration, unstarted
     * @return how the second differ from the first
     */
    static EndpointChanges between(List<Endpoint> serving, List<Endpoint> created) {
        Map<String, Endpoint> byName = new LinkedHashMap<>();
        serving.forEach(endpoint -> byName.put(endpoint.name(), endpoint));
        List<Pair> unchanged = new ArrayList<>();
        List<Endpoint> added = new ArrayList<>();
        List<Pair> switched = new ArrayList<>();
        List<Pair> moved = new ArrayList<>();
        List<Pair> pinned = new ArrayList<>();
        for (Endpoint next : created) {
            Endpoint old = byName.remove(next.name());
            if (old == null) {
                added.add(next);
                continue;
            }
            Pair pair = new Pair(old, next);
            if (old.blueprint().sameTransport(next.blueprint())) {
                (old.blueprint().sameServices(next.blueprint()) ? unchanged : switched).add(pair);
            } else if (old.blueprint().sameAddress(next.blueprint())) {
                pinned.add(pair);
            } else {
                moved.add(pair);
            }
        }
        return new EndpointChanges(unchanged, added, switched, moved, pinned, List.copyOf(byName.values()));
    }

    /** @return whether the new configuration serves exactly as the serving endpoints do */
    boolean none() {
        return added.isEmpty() && switched.isEmpty() && moved.isEmpty() && pinned.isEmpty() && removed.isEmpty();
    }

    /**
     * @param leftForRestart how many of the {@code pinned} endpoints kept their transport settings
     * @return such as {@code "1 added, 1 switched, 0 moved, 0 removed, 2 unchanged"}, then how many
     *     took their new transport settings over, and how many left them for a restart
     */
    String summary(int leftForRestart) {
        int takenOver = pinned.size() - leftForRestart;
        return added.size() + " added, " + switched.size() + " switched, " + moved.size() + " moved, "
                + removed.size() + " removed, " + unchanged.size() + " unchanged"
                + (takenOver == 0 ? "" : ", " + takenOver + " with new transport settings on the same sockets")
                + (leftForRestart == 0 ? "" : ", " + leftForRestart + " with transport settings left for a restart");
    }
}
