package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.admin.EndpointStatus;
import dev.switchboard.admin.ServerStatus;
import dev.switchboard.api.TransportStats;
import dev.switchboard.launcher.LaunchException;
import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The endpoints' life cycle: all created before any starts, started in order, stopped together; in
 * between, a reload may {@linkplain #reconfigure change} which endpoints serve and
 * {@linkplain #retire drain} those it replaced.
 * Its {@link ServerStatus} is what the admin endpoint reads: every endpoint serving or draining.
 */
public final class Server implements ServerStatus {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    /** How long past its grace period a transport may take to stop before we stop waiting for it. */
    private static final Duration STOP_MARGIN = Duration.ofSeconds(10);

    /** Until the start, which drops it: it holds the start's providers, which a reload may replace. */
    private EndpointFactory factory;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private List<Endpoint> endpoints = List.of();
    /** The threads draining endpoints a reload took out of service; {@link #stop()} waits for them. */
    private final List<Draining> retiring = new ArrayList<>();
    private boolean stopRequested;
    /** The endpoints a reload took out of service, until drained: {@link #status()} shows them. */
    private final List<Endpoint> drainingOut = new ArrayList<>();
    /** What {@link #status()} shows: the endpoints serving, then draining, and stopping or stopped by a stop. */
    private volatile List<Endpoint> shown = List.of();

    /** @param factory creates the endpoints from the configuration */
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
        if (factory == null) {
            throw new IllegalStateException("already started");
        }
        List<Endpoint> created = factory.createAll();
        factory = null;
        shown = List.copyOf(created);
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

    /**
     * @return every endpoint started, with its state: starting, serving, draining while it stops (or
     *     while a reload retires it), stopped
     */
    @Override
    public List<EndpointStatus> status() {
        return shown.stream().map(Endpoint::status).toList();
    }

    /**
     * Stops every endpoint at once, each within its own shutdown grace, closes their services and
     * logs each one's final counts. Does nothing if not started or already stopped.
     */
    public void stop() {
        List<Endpoint> running;
        List<Draining> draining;
        synchronized (this) {
            running = endpoints;
            endpoints = List.of();
            stopRequested = true;
            draining = List.copyOf(retiring);
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
        for (Draining drain : draining) {
            join(drain.thread(), start + drain.grace().plus(STOP_MARGIN).toNanos());
        }
        stopped.countDown();
    }

    /**
     * Changes the endpoints serving, for a reload: {@code change} gets those serving now and returns
     * those that serve from now on, having started the new ones; it runs while neither a start nor
     * a stop can. If it throws, nothing changes here.
     *
     * @param change from the endpoints serving to those that will; called at most once
     * @return false, without calling {@code change}, if the server has not started or is stopping
     */
    public synchronized boolean reconfigure(UnaryOperator<List<Endpoint>> change) {
        if (endpoints.isEmpty() || stopRequested) {
            return false;
        }
        endpoints = List.copyOf(change.apply(endpoints));
        showServingAndDraining();
        return true;
    }

    /**
     * Drains and stops endpoints a reload took out of service, each on a thread of its own within its
     * shutdown grace, then closes their services and logs their final counts; {@link #stop()} waits
     * for them. Returns at once.
     *
     * @param retired endpoints no longer among {@link #endpoints()}
     */
    public synchronized void retire(List<Endpoint> retired) {
        retiring.removeIf(drain -> !drain.thread().isAlive());
        for (Endpoint endpoint : retired) {
            drainingOut.add(endpoint);
            Thread thread = new Thread(() -> {
                stop(endpoint);
                drained(endpoint);
            }, "switchboard-drain-" + endpoint.name());
            thread.start();
            retiring.add(new Draining(thread, endpoint.shutdownGrace()));
        }
        showServingAndDraining();
    }

    private synchronized void drained(Endpoint endpoint) {
        drainingOut.remove(endpoint);
        if (!stopRequested) {
            showServingAndDraining();
        }
    }

    private void showServingAndDraining() {
        List<Endpoint> both = new ArrayList<>(endpoints);
        both.addAll(drainingOut);
        shown = List.copyOf(both);
    }

    /** The thread draining a retired endpoint, and its grace; not the endpoint, whose plugin layers are to be let go. */
    private record Draining(Thread thread, Duration grace) {}

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
