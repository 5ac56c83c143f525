package dev.switchboard.launcher.endpoint;

import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One endpoint's transports across the reloads that {@linkplain Transport#takeOver took over} its
 * sockets: the transport serving, the retired ones still serving the connections they had, and what
 * the stopped ones counted. Its {@link #stats()} sums them, so that an endpoint's counters never go
 * down across a take-over. Every {@link Endpoint} object of one endpoint name shares it, until the
 * endpoint moves or is removed.
 *
 * <p>Each retired transport has a thread of its own that stops it gracefully once its last
 * connection has closed (a datagram transport at once: it answers what it had taken), or when the
 * endpoint stops. A retired transport serves with the endpoint's current chain of services, switched
 * with it; one that could not switch keeps its own chain, which is closed once the last retired
 * transport using it has stopped. Safe from any thread.
 */
final class Generations {

    private static final System.Logger LOG = System.getLogger("switchboard.launcher");
    /** How often a retired transport's thread looks whether its last connection has closed. */
    private static final long POLL_MILLIS = 100;

    /** What {@link #stats()} sums, replaced as one: never a transport counted twice or not at all. */
    private record State(Transport serving, List<Retired> retired, TransportStats stopped) {}

    private final String endpoint;
    private volatile State state;

    /**
     * @param endpoint the endpoint's name, for the log
     * @param serving its transport
     */
    Generations(String endpoint, Transport serving) {
        this.endpoint = endpoint;
        this.state = new State(serving, List.of(), TransportStats.EMPTY);
    }

    /**
     * @return the counters of the serving transport, the retired ones and the stopped ones together;
     *     {@code connectionsOpen} of those serving
     */
    TransportStats stats() {
        State now = state;
        TransportStats sum = plus(now.serving.stats(), now.stopped);
        for (Retired retired : now.retired) {
            sum = plus(sum, retired.transport.stats());
        }
        return sum;
    }

    /**
     * Records that {@code successor} took over the serving transport's sockets: the predecessor
     * retires, switched to {@code successorService} when it can, and is stopped by a thread of its
     * own within {@code grace} once its last connection closes. Every retired transport that served
     * with {@code previousService} switches too.
     *
     * @param successor the transport serving from now on
     * @param successorService its chain
     * @param previousService the chain the predecessor served with
     * @param grace the predecessor's shutdown grace
     * @return whether {@code previousService} may be closed now: no transport serves with it any more
     */
    synchronized boolean takenOver(Transport successor, MessageService successorService, MessageService previousService,
            Duration grace) {
        State now = state;
        Retired predecessor = new Retired(now.serving, grace);
        List<Retired> retired = new ArrayList<>(now.retired);
        retired.add(predecessor);
        state = new State(successor, List.copyOf(retired), now.stopped);
        predecessor.thread.start();
        return switchRetired(successorService, previousService);
    }

    /**
     * Switches the retired transports that serve with the endpoint's current chain to {@code next},
     * after the serving transport switched to it.
     *
     * @param next the new chain
     * @param previous the chain they served with, the endpoint's until now
     * @return whether {@code previous} may be closed now: no retired transport serves with it any more
     */
    synchronized boolean switchRetired(MessageService next, MessageService previous) {
        Chain kept = null;
        boolean leftOpen = false;
        for (Retired retired : state.retired) {
            if (retired.ownChain != null) {
                continue;
            }
            try {
                retired.transport.switchService(next);
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                if (kept == null) {
                    kept = new Chain(previous);
                }
                kept.users++;
                retired.ownChain = kept;
                LOG.log(INFO, "endpoint " + endpoint + ": a retired transport keeps its previous services for the"
                        + " connections it serves: " + e.getMessage());
            } catch (IllegalStateException e) {
                if (!retired.stopping) { // a stop that began has ended by now: the transport's lock waited for it
                    leftOpen = true;
                    LOG.log(WARNING, "endpoint " + endpoint + ": switched a retired transport, but its previous"
                            + " services are left open: " + e.getMessage());
                }
            }
        }
        return kept == null && !leftOpen;
    }

    /** Has every retired transport stop now, gracefully within its grace; returns at once. */
    void stopRetired() {
        state.retired.forEach(retired -> retired.stopNow.countDown());
    }

    /**
     * Waits until the retired transports have stopped.
     *
     * @param deadline in {@link System#nanoTime()} terms
     */
    void awaitRetired(long deadline) {
        for (Retired retired : state.retired) {
            try {
                retired.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** @return how many retired transports serve now */
    int retiredCount() {
        return state.retired.size();
    }

    private synchronized void stopped(Retired retired, TransportStats last) {
        State now = state;
        List<Retired> left = new ArrayList<>(now.retired);
        left.remove(retired);
        TransportStats closed = new TransportStats(0, last.connectionsAccepted(), last.requests(), last.replies(),
                last.bytesIn(), last.bytesOut(), last.refusals(), last.errors());
        state = new State(now.serving, List.copyOf(left), plus(now.stopped, closed));
        Chain chain = retired.ownChain;
        if (chain != null && --chain.users == 0) {
            closeQuietly(chain.service);
        }
    }

    private void closeQuietly(MessageService service) {
        try {
            service.close();
        } catch (RuntimeException e) {
            LOG.log(WARNING, "endpoint " + endpoint + ": closing the services of a retired transport failed: " + e, e);
        }
    }

    /** @return the two snapshots' counts added, their refusals and errors by reason */
    static TransportStats plus(TransportStats a, TransportStats b) {
        return new TransportStats(a.connectionsOpen() + b.connectionsOpen(),
                a.connectionsAccepted() + b.connectionsAccepted(), a.requests() + b.requests(),
                a.replies() + b.replies(), a.bytesIn() + b.bytesIn(), a.bytesOut() + b.bytesOut(),
                plus(a.refusals(), b.refusals()), plus(a.errors(), b.errors()));
    }

    private static Map<String, Long> plus(Map<String, Long> a, Map<String, Long> b) {
        if (b.isEmpty()) {
            return a;
        }
        Map<String, Long> sum = new HashMap<>(a);
        b.forEach((key, count) -> sum.merge(key, count, Long::sum));
        return sum;
    }

    /** A chain that retired transports kept, and how many of them still serve with it. */
    private static final class Chain {
        final MessageService service;
        int users;

        Chain(MessageService service) {
            this.service = service;
        }
    }

    /** A retired transport and the thread that stops it. */
    private final class Retired implements Runnable {
        final Transport transport;
        final Duration grace;
        final CountDownLatch stopNow = new CountDownLatch(1);
        final Thread thread;
        /** The chain it kept, or null while it serves with the endpoint's; under the lock. */
        Chain ownChain;
        volatile boolean stopping;

        Retired(Transport transport, Duration grace) {
            this.transport = transport;
            this.grace = grace;
            this.thread = new Thread(this, "switchboard-retired-" + endpoint);
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                while (transport.stats().connectionsOpen() > 0 && !stopNow.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    // its connections are still open, and the endpoint is not stopping
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopping = true;
            try {
                transport.stop(grace);
            } catch (RuntimeException e) {
                LOG.log(WARNING, "endpoint " + endpoint + ": a retired transport failed to stop cleanly: " + e, e);
            }
            TransportStats last = transport.stats();
            stopped(this, last);
            LOG.log(INFO, "endpoint " + endpoint + ": its retired transport stopped: " + Server.summary(last));
        }
    }
}
