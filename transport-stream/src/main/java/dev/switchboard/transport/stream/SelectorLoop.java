package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.SourceKey;
import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * One event-loop thread: polls, hands each ready connection to its {@link ConnectionEvents}, runs
 * the tasks other threads post, and lets its {@link Timeouts} sweep. Everything about a connection
 * happens on this thread, so connections need no locks; other threads reach the loop only through
 * {@link #execute}, a concurrent queue plus {@link Poller#wakeUp()}. The {@link Poller} is the
 * {@link IoPath}'s: a {@link java.nio.channels.Selector}, or epoll through the accelerated path.
 *
 * <p>Per message nothing is allocated: each read lands in the loop's one direct buffer, frames are
 * decoded in place and handed to the service as that buffer with its position and limit set, and
 * the service writes into the loop's one direct reply, which the codec frames in place and which is
 * gathered with the other replies to the same read into the loop's one batch buffer and written once
 * the read is handled.
 */
final class SelectorLoop implements Runnable {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int BATCH_BYTES = 64 * 1024;

    private final Endpoint endpoint;
    private final Poller poller;
    private final Clock clock = new Clock();
    private final BufferGauge gauge;
    /** The loop's own buffers (read, batch, reply), reserved from the memory budget while it lives. */
    private final long fixedBytes;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Connections connections;
    private final ConnectionEvents events;
    private final SweepSchedule sweeps;
    private final Timeouts timeouts;
    private final MemoryPressure pressure;
    private final BlockedThreads.Watch watch;

    private boolean stopping;
    private long stopDeadline;

    /**
     * Assembles the loop's parts.
     *
     * @param endpoint what this loop serves
     * @param path what opens its poller
     * @param counters the shard this loop's thread counts in
     * @param watch what tells the blocked-thread checker when this loop's thread is in the service
     * @throws IOException if the poller cannot be opened, or the loop's buffers do not fit in the
     *     memory budget
     */
    SelectorLoop(Endpoint endpoint, IoPath path, Counters.Shard counters, BlockedThreads.Watch watch) throws IOException {
        this.endpoint = endpoint;
        this.watch = watch;
        StreamSettings settings = endpoint.settings();
        // one read is one request: the read buffer is the largest frame, and there is no batch of replies to gather
        boolean readDelimited = settings.codec().isReadDelimited();
        int readBufferBytes = readDelimited ? settings.codec().maxFrameBytes() : READ_BUFFER_BYTES;
        this.fixedBytes = (long) readBufferBytes + (readDelimited ? 0 : BATCH_BYTES) + settings.maxReplyBytes();
        if (!endpoint.budget().tryReserve(fixedBytes)) {
            throw new IOException("an event loop's buffers (" + fixedBytes + " bytes) do not fit in what is left of"
                    + " the memory budget: " + endpoint.budget() + " (switchboard.memory-budget)");
        }
        this.gauge = new BufferGauge(endpoint.budget());
        Incidents incidents = endpoint.served().incidents(counters);
        Outbound outbound = new Outbound(readDelimited ? 0 : BATCH_BYTES, settings, gauge, counters, clock);
        try {
            this.poller = path.openPoller();
        } catch (IOException | RuntimeException e) {
            endpoint.budget().release(fixedBytes);
            throw e;
        }
        this.connections = new Connections(endpoint, poller, clock, outbound, gauge, counters, incidents);
        WorkerLane lane = endpoint.workers() == null ? null
                : new WorkerLane(endpoint, gauge, outbound, connections, this::answered);
        Pipeline pipeline = new Pipeline(endpoint, counters, outbound, connections, lane, watch);
        this.sweeps = SweepSchedule.of(settings, clock.now());
        Inbound inbound = new Inbound(settings, readBufferBytes, gauge, counters, clock, pipeline, connections,
                new ProxyHeaderStage(endpoint, connections), sweeps);
        this.events = new ConnectionEvents(clock, inbound, outbound, connections, lane);
        this.timeouts = new Timeouts(settings, connections, inbound, clock, sweeps);
        this.pressure = new MemoryPressure(endpoint.budget(), connections, inbound, clock, endpoint.served().log(),
                settings.writeLowWatermark());
    }

    /**
     * Runs {@code task} on this loop's thread, soon. Safe from any thread.
     *
     * @param task what to run
     */
    void execute(Runnable task) {
        tasks.add(task);
        poller.wakeUp();
    }

    /**
     * @param socket a newly accepted, non-blocking connection of this loop's path, for this loop to serve
     * @param source its source, which its end is counted out of; null for a peer that is not IP
     */
    void adopt(StreamSocket socket, SourceKey source) {
        execute(() -> connections.register(socket, source));
    }

    /** On a worker thread: hands an answered request back to this loop. */
    private void answered(WorkerRequest work) {
        execute(() -> events.answered(work));
    }

    /**
     * Reads what each connection's client has already sent, then stops reading new requests, answers
     * those received, shuts each connection down once its
     * replies are sent, and ends the loop when every connection is closed or at {@code deadline}.
     *
     * @param deadline in {@link System#nanoTime()} terms
     */
    void stop(long deadline) {
        execute(() -> {
            stopping = true;
            stopDeadline = deadline;
            connections.forEach(events::readWaiting);
            connections.drainAll();
        });
    }

    /** Closes the poller of a loop that will never run. */
    void closeUnstarted() throws IOException {
        endpoint.budget().release(fixedBytes);
        poller.close();
    }

    /**
     * From the thread stopping the transport, when this loop's thread overran the grace period, stuck
     * in a service: closes every connection's channel, so that its clients see the end of the stream
     * whether or not the thread ever returns; the loop then ends quietly if it does. The poller is
     * left to the loop: a service runs inside a poll (which, with java.nio, holds the selector's lock).
     *
     * @param stopCounters a shard that several threads may write, where the connections cut count
     * @return how many connections were cut
     */
    int abandon(Counters.Shard stopCounters) {
        return connections.abandon(stopCounters);
    }

    /** @return bytes held in this loop's per-connection buffers; safe from any thread */
    long bufferedBytes() {
        return gauge.bytes();
    }

    @Override
    public void run() {
        watch.bind();
        try {
            while (true) {
                runTasks();
                if (stopping && (connections.count() == 0 || clock.now() - stopDeadline >= 0)) {
                    break;
                }
                poller.poll(selectTimeoutMillis(), events);
                clock.tick();
                timeouts.sweepIfDue();
                pressure.check();
            }
        } catch (Throwable e) { // a failure no connection contained: the loop and its connections are gone
            if (stopping) {
                endpoint.served().logger().log(ERROR, "event loop " + Thread.currentThread().getName()
                        + " failed while stopping", e);
            } else {
                endpoint.served().serviceThreadDied(e);
            }
        } finally {
            connections.closeAll(stopping);
            closePoller();
            endpoint.budget().release(fixedBytes);
        }
    }

    private void runTasks() {
        clock.tick();
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    /** @return how long the next poll may wait: until the next sweep or the stop's deadline; 0 = until woken */
    private long selectTimeoutMillis() {
        long now = clock.now();
        long nanos = sweeps.next() - now;
        if (stopping) {
            nanos = Math.min(nanos, stopDeadline - now);
        } else if (connections.count() == 0) {
            return 0; // nothing to time out: the next connection's adoption wakes the poller
        } else if (pressure.holdsPaused()) {
            nanos = Math.min(nanos, MemoryPressure.INTERVAL_NANOS); // the budget may ease any moment
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void closePoller() {
        try {
            poller.close();
        } catch (IOException e) {
            endpoint.served().logger().log(WARNING, "could not close an event loop's poller", e);
        }
    }
}
