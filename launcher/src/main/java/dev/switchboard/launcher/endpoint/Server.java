package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.admin.EndpointStatus;
import dev.switchboard.admin.ServerStatus;
import dev.switchboard.api.TransportStats;
import dev.switchboard.launcher.LaunchException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The endpoints' life cycle: all created before any starts, started in order, stopped together.
 * Its {@link ServerStatus} is what the admin endpoint reads: every endpoint created, from its start
 * to its stop.
 */
@Singleton
public final class Server implements ServerStatus {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    /** How long past its grace period a transport may take to stop before we stop waiting for it. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    private final EndpointFactory factory;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private List<Endpoint> endpoints = List.of();
    /** Every endpoint created, whatever its state: what {@link #endpoints()} leaves out during a stop. */
    private volatile List<Endpoint> created = List.of();

    /** @param factory creates the endpoints from the configuration */
    @Inject
    public Server(EndpointFactory factory) {
        this.factory = factory;
    }

    /**
     * Creates every endpoint, so that any bad setting fails before anything binds, then starts them
     * in order. If one cannot start, those already started are stopped and every service closed.
     *
     * @return the endpoints, serving
     * @throws LaunchException if the configuration is bad (status 2) or an endpoint cannot start
     *     (status 1)
     */
    public synchronized List<Endpoint> start() {
        if (!endpoints.isEmpty()) {
            throw new IllegalStateException("already started");
        }
        List<Endpoint> created = factory.createAll();
        this.created = List.copyOf(created);
        List<Endpoint> started = new ArrayList<>();
        for (Endpoint endpoint : created) {
            try {
                endpoint.start();
            } catch (IOException | RuntimeException e) {
                logStarted(started);
                for (int i = started.size() - 1; i >= 0; i--) {
                    started.get(i).stop();
                }
                created.forEach(Endpoint::closeServices);
                throw LaunchException.startFailed(startFailure(endpoint, e), e);
            }
            started.add(endpoint);
        }
        logStarted(started);
        endpoints = List.copyOf(created);
        return endpoints;
    }

    /** @return the endpoints serving now: none before {@link #start()} or after {@link #stop()} */
    public synchronized List<Endpoint> endpoints() {
        return endpoints;
    }

    /** @return every endpoint created, with its state: starting, serving, draining while it stops, stopped */
    @Override
    public List<EndpointStatus> status() {
        return created.stream().map(Endpoint::status).toList();
    }

    /**
     * Stops every endpoint at once, each within its own shutdown grace, closes their services and
     * logs each one's final counts. Does nothing if not started or already stopped.
     */
    public void stop() {
        List<Endpoint> running;
        synchronized (this) {
            running = endpoints;
            endpoints = List.of();
        }
        List<Thread> stopping = new ArrayList<>();
        for (Endpoint endpoint : running) {
            Thread thread = new Thread(() -> stop(endpoint), "switchboard-stop-" + endpoint.name());
            thread.start();
            stopping.add(thread);
        }
        long start = System.nanoTime();
        for (int i = 0; i < running.size(); i++) {
            Endpoint endpoint = running.get(i);
            long deadline = start + endpoint.shutdownGrace().plus(STOP_MARGIN).toNanos();
            if (!join(stopping.get(i), deadline)) {
                LOG.log(WARNING, "endpoint " + endpoint.name() + " did not stop within its shutdown grace of "
                        + endpoint.shutdownGrace().toMillis() + " ms; leaving it");
            }
        }
        stopped.countDown();
    }

    /** Waits, without a bound, until {@link #stop()} has run: the main thread's way to keep the JVM alive. */
    public void awaitStopped() {
        boolean interrupted = false;
        while (true) {
            try {
                stopped.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** After the starts, not between them: the first line sets up the log's formatting, which takes a while. */
    private static void logStarted(List<Endpoint> started) {
        started.forEach(endpoint -> LOG.log(INFO, endpoint.description()));
    }

    private static void stop(Endpoint endpoint) {
        try {
            TransportStats stats = endpoint.stop();
            LOG.log(INFO, endpoint.name() + " stopped: " + summary(stats));
        } catch (RuntimeException e) {
            LOG.log(WARNING, "endpoint " + endpoint.name() + " failed to stop cleanly: " + e, e);
        } finally {
            endpoint.closeServices();
        }
    }

    private static boolean join(Thread thread, long deadlineNanos) {
        try {
            long millis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private static String startFailure(Endpoint endpoint, Exception e) {
        String prefix = "endpoint " + endpoint.name() + ": ";
        if (e instanceof BindException) {
            return prefix + "cannot bind " + e.getMessage();
        }
        return prefix + "cannot start: " + (e instanceof IOException && e.getMessage() != null ? e.getMessage() : e);
    }

    /** {@code "12 requests, 12 replies, 2 refusals (idle-timeout 2), 1 error (service 1)"} */
    static String summary(TransportStats stats) {
        return stats.requests() + " requests, " + stats.replies() + " replies, "
                + counts("refusal", stats.refusals())
                + (stats.errors().isEmpty() ? "" : ", " + counts("error", stats.errors()));
    }

    private static String counts(String what, Map<String, Long> byKind) {
        long total = byKind.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return "no " + what + "s";
        }
        return total + " " + what + (total == 1 ? "" : "s") + new TreeMap<>(byKind).entrySet().stream()
                .map(entry -> entry.getKey() + " " + entry.getValue())
                .collect(Collectors.joining(", ", " (", ")"));
    }
}
