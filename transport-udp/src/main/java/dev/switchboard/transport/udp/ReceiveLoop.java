package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.WorkerPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One thread, one non-blocking socket and its selector. On each wake-up the loop receives datagrams
 * until none is left (a bounded batch at a time) and answers each in place: the datagram lands in
 * the loop's one direct buffer, which is handed to the service as the request, and the reply goes
 * out from its {@link Responder}'s one direct reply. Per datagram nothing is allocated beyond what
 * the JDK does; the request context is built only when the sender changes (the JDK returns the same
 * address object for a repeated sender). Datagrams for a blocking service are copied and handed to
 * the endpoint's {@link WorkerPool}, whose threads answer them with {@link Responder}s of their own
 * and send the replies themselves: sending on a {@link DatagramChannel} is thread-safe.
 */
final class ReceiveLoop implements ServingLoop {

    /** Larger than any datagram (at most 65,527 bytes), so that none is ever cut short unnoticed. */
    private static final int RECEIVE_BUFFER_BYTES = 65_536;
    /** Datagrams received per wake-up before the loop looks at its stop flag and its tick. */
    private static final int BATCH = 64;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The loop has one channel and drains it after every wake-up, whichever woke it. */
    private static final Consumer<SelectionKey> READY = key -> {};

    private final Endpoint endpoint;
    private final DatagramChannel channel;
    private final Selector selector;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECEIVE_BUFFER_BYTES);
    private final Responder responder;
    private final Intake intake;
    private final WorkerPool workers;
    private final ThreadLocal<Responder> workerResponders;
    private final Incidents incidents;
    private final RateLimitedLog log;
    private final BlockedThreads.Watch watch;
    private final Runnable tick;
    private volatile boolean stopping;
    /** Whether the thread has left the loop: it is in no service, and counts no latch down any more. */
    private volatile boolean ended;
    /** Counted down at the end of the loop's next pass, between two datagrams (or at once once ended); then cleared. */
    private final AtomicReference<CountDownLatch> passed = new AtomicReference<>();

    /**
     * @param endpoint what this loop serves
     * @param channel its socket, bound; made non-blocking here
     * @param counters the shard this loop's thread counts in
     * @param offload where datagrams for a blocking service go, or null to answer them in place
     * @param watch marks this loop's thread as in the service for as long as it is
     * @param tick what to run about once a second, or null
     * @throws IOException if the selector cannot be opened or the socket registered with it
     */
    ReceiveLoop(Endpoint endpoint, DatagramChannel channel, Counters.Shard counters, Offload offload,
            BlockedThreads.Watch watch, Runnable tick) throws IOException {
        this.endpoint = endpoint;
        this.channel = channel;
        this.workers = offload == null ? null : offload.workers();
        this.workerResponders = offload == null ? null : offload.responders();
        this.watch = watch;
        this.tick = tick;
        this.log = endpoint.served().log();
        this.incidents = endpoint.served().incidents(counters);
        this.responder = new Responder(endpoint, counters, watch);
        this.intake = new Intake(endpoint, (InetSocketAddress) channel.getLocalAddress(), counters, incidents);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        selector.wakeup();
    }

    /** As {@link #stop}: neither touches the socket, which the selector's wake-up leaves as it is. */
    @Override
    public void leave() {
        stop();
    }

    @Override
    public void afterPass(CountDownLatch latch) {
        passed.set(latch);
        if (ended) {
            pass();
        } else {
            selector.wakeup();
        }
    }

    /** Counts the latch down, if one is set, exactly once: either the thread or {@link #afterPass} takes it. */
    private void pass() {
        CountDownLatch latch = passed.getAndSet(null);
        if (latch != null) {
            latch.countDown();
        }
    }

    /** Closes the selector, which also releases the socket for closing; safe from any thread. */
    @Override
    public void close() {
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    @Override
    public void run() {
        watch.bind();
        long nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (!stopping) {
                // the action form of select allocates nothing, where the selected-key set adds a node per wake-up
                selector.select(READY, tick == null ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime())));
                drain();
                if (passed.get() != null) {
                    pass();
                }
                if (tick != null && System.nanoTime() - nextTick >= 0) {
                    tick.run();
                    nextTick = System.nanoTime() + TICK_NANOS;
                }
            }
        } catch (ClosedChannelException | ClosedSelectorException e) {
            // closed by stop() because the loop overran the grace period
        } catch (Throwable e) { // a failure no datagram contained: nothing would read this socket again
            if (stopping) {
                endpoint.served().logger().log(ERROR, "receive loop " + Thread.currentThread().getName()
                        + " failed while stopping", e);
            } else {
                endpoint.served().serviceThreadDied(e);
            }
        } finally {
            ended = true;
            pass();
        }
    }

    private void drain() throws ClosedChannelException {
        for (int i = 0; i < BATCH; i++) {
            buffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (PortUnreachableException e) {
                log.log(DEBUG, Responder.PEER_GONE, () -> "an earlier reply met a closed port: " + e.getMessage());
                continue;
            } catch (IOException e) {
                incidents.failed(Failure.IO, () -> "could not receive a datagram: " + e, null);
                return;
            }
            if (from == null) {
                return;
            }
            received(from);
        }
    }

    private void received(InetSocketAddress from) {
        int length = buffer.position();
        RequestContext context = intake.admit(from, length);
        if (context == null) {
            return;
        }
        buffer.flip();
        if (workers == null) {
            responder.respond(channel, buffer, context);
        } else if (!offload(ByteBuffer.allocate(length).put(buffer).flip(), context)) {
            incidents.refused(Refusal.WORKER_QUEUE_FULL, () -> "dropped a datagram from " + Addresses.format(from)
                    + ": the worker queue is full (worker-queue = " + endpoint.settings().endpoint().workerQueue() + ")");
        }
    }

    /**
     * @param datagram a copy of the datagram, owned by the worker from now on
     * @return whether a worker will answer it; {@code false} when the queue is full
     */
    private boolean offload(ByteBuffer datagram, RequestContext context) {
        return workers.trySubmit(() -> workerResponders.get().respond(channel, datagram, context));
    }

    /**
     * Where a blocking service's datagrams go: the endpoint's worker pool, whose threads answer each
     * with a responder of their own.
     *
     * @param workers the endpoint's worker pool
     * @param responders each worker thread's responder
     */
    record Offload(WorkerPool workers, ThreadLocal<Responder> responders) {}
}
