package dev.switchboard.soak;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs each client's steps on a thread of its own until the traffic's deadline, a step count, or
 * {@link #stop}, whichever comes first. A client that throws is a bug of the soak, not of the
 * server; it is reported as a finding, so that a soak whose traffic broke does not pass.
 */
final class BoundedRunner {

    /** No client steps more often than this: with the deadline, it bounds every loop in count too. */
    static final long MAX_STEPS_PER_SECOND = 10_000;

    private final List<SoakClient> clients;
    private final Findings findings;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * @param clients the traffic, one thread each
     * @param findings where a client's own failure goes
     */
    BoundedRunner(List<SoakClient> clients, Findings findings) {
        this.clients = List.copyOf(clients);
        this.findings = findings;
    }

    /** @param deadline in {@link System#nanoTime} terms: when the traffic ends */
    void start(long deadline) {
        long maxSteps = MAX_STEPS_PER_SECOND * (1 + TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
        for (int i = 0; i < clients.size(); i++) {
            SoakClient client = clients.get(i);
            Thread thread = new Thread(() -> run(client, deadline, maxSteps), "soak-" + client.tally().kind() + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    private void run(SoakClient client, long deadline, long maxSteps) {
        try {
            for (long step = 0; step < maxSteps && !stopping && System.nanoTime() - deadline < 0; step++) {
                client.step(deadline);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped: the thread ends
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                findings.failure(client.tally(), "the soak's own client failed (a bug of the soak): " + e);
            }
        }
    }

    /**
     * Ends the steps, leaving the clients' connections open (see {@link #closeAll}). A thread still
     * in a step after {@code bound} has its client closed and is interrupted, then given as long again.
     *
     * @param bound how long the steps may take to end
     * @return whether every thread has ended
     */
    boolean stop(Duration bound) throws InterruptedException {
        stopping = true;
        if (joinAll(bound)) {
            return true;
        }
        clients.forEach(SoakClient::close);
        threads.forEach(Thread::interrupt);
        return joinAll(bound);
    }

    /** Closes every client's connections and sockets. */
    void closeAll() {
        clients.forEach(SoakClient::close);
    }

    private boolean joinAll(Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }
}
