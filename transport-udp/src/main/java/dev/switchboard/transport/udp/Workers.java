package dev.switchboard.transport.udp;

import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.EndpointSettings;
import dev.switchboard.transport.WorkerPool;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a blocking service off the loops, on a bounded {@link WorkerPool}. A worker answers a copy of
 * the datagram with a {@link Responder} of its own and sends the reply itself: sending on a
 * {@link DatagramChannel} is thread-safe.
 */
final class Workers {

    private final WorkerPool pool;
    private final ThreadLocal<Responder> responders;
    /** Datagrams accepted and not yet answered: queued or being handled. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();
    private volatile boolean stopping;

    /**
     * @param name prefix of the worker threads' names
     * @param endpoint what the workers serve
     * @param counters the shard all worker threads count in
     */
    Workers(String name, Endpoint endpoint, Counters.Shard counters) {
        EndpointSettings settings = endpoint.settings().endpoint();
        this.pool = new WorkerPool(name, settings.workerThreads(), settings.workerQueue());
        this.responders = ThreadLocal.withInitial(() -> new Responder(endpoint, counters));
    }

    /**
     * @param channel the socket the datagram arrived on, which the reply leaves from
     * @param datagram a copy of the datagram, owned by the worker from now on
     * @param context where it came from
     * @return whether it was accepted; {@code false} when the queue is full
     */
    boolean trySubmit(DatagramChannel channel, ByteBuffer datagram, RequestContext context) {
        inFlight.incrementAndGet();
        if (pool.trySubmit(() -> answer(channel, datagram, context))) {
            return true;
        }
        inFlight.decrementAndGet();
        return false;
    }

    private void answer(DatagramChannel channel, ByteBuffer datagram, RequestContext context) {
        try {
            responders.get().respond(channel, datagram, context);
        } finally {
            if (inFlight.decrementAndGet() == 0 && stopping) {
                synchronized (drained) {
                    drained.notifyAll();
                }
            }
        }
    }

    /**
     * Lets the queued and running datagrams be answered within {@code grace}, then interrupts what
     * still runs and drops what is still queued. Call it once nothing is submitted any more.
     *
     * @param grace how long the workers may take
     * @return how many datagrams were not answered in time
     */
    int stop(Duration grace) {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        int cut;
        boolean interrupted = false;
        synchronized (drained) {
            long remaining;
            while (inFlight.get() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(drained, remaining);
                } catch (InterruptedException e) {
                    interrupted = true;
                    break;
                }
            }
            // counted before the interruption below, which lets the cut tasks end at once
            cut = inFlight.get();
        }
        pool.stop(Duration.ZERO);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return cut;
    }
}
