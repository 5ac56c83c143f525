package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;

import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.udp.batch.BatchDatagramSocket;
import dev.switchboard.transport.udp.batch.DatagramBatch;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One thread and one batched socket: each receive takes every datagram waiting, up to a batch, in
 * one system call; each is checked by the loop's {@link Intake} and answered by its
 * {@link Responder} as on the {@code java.nio} path, the admitted replies are staged, and they all
 * leave in one system call before the next receive. The thread blocks in the receive, for a second
 * at most; {@link #stop} wakes it. The batch's native buffers are reserved from the memory budget for as long as the loop
 * lives and freed by its own thread when it ends (or by {@link #close} if it never ran), never while
 * a system call may still use them.
 */
final class BatchLoop implements ServingLoop {

    /** The datagrams a batch's receive buffers aim to hold at most, in bytes. */
    private static final int BATCH_BYTES = 1 << 20;
    private static final int MIN_SLOTS = 16;
    private static final int MAX_SLOTS = 64;
    /** Room for the staged replies: four of the largest, and any number of small ones up to a batch. */
    private static final int SEND_AREA_BYTES = 4 * 65_536;
    private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Endpoint endpoint;
    private final BatchDatagramSocket socket;
    private final DatagramBatch batch;
    private final MemoryBudget budget;
    private final Responder responder;
    private final Intake intake;
    private final Counters.Shard counters;
    private final Incidents incidents;
    private final RateLimitedLog log;
    private final BlockedThreads.Watch watch;
    private final Runnable tick;
    private final InetSocketAddress[] stagedPeers;
    private final DatagramBatch.SendOutcomes outcomes = new Outcomes();
    private int staged;
    private volatile boolean stopping;
    /** Whether the thread waits in the receive, or is about to: it is in no service then. */
    private volatile boolean receiving;
    /** Whether the thread has left the loop: it is in no service, and counts no latch down any more. */
    private volatile boolean ended;
    private final AtomicReference<CountDownLatch> passed = new AtomicReference<>();
    private boolean started;
    private boolean released;

    /**
     * @param endpoint what this loop serves
     * @param socket its socket, bound
     * @param counters the shard this loop's thread counts in
     * @param watch marks this loop's thread as in the service for as long as it is
     * @param tick what to run about once a second, or null
     * @param budget where the batch's native buffers are reserved from
     * @throws IOException if the buffers do not fit in the memory budget, or the socket refuses them
     */
    BatchLoop(Endpoint endpoint, BatchDatagramSocket socket, Counters.Shard counters, BlockedThreads.Watch watch,
            Runnable tick, MemoryBudget budget) throws IOException {
        this.endpoint = endpoint;
        this.socket = socket;
        this.counters = counters;
        this.watch = watch;
        this.tick = tick;
        this.budget = budget;
        this.log = endpoint.served().log();
        this.incidents = endpoint.served().incidents(counters);
        this.responder = new Responder(endpoint, counters, watch);
        this.intake = new Intake(endpoint, (InetSocketAddress) socket.getLocalAddress(), counters, incidents);
        int slotBytes = endpoint.settings().endpoint().maxMessageBytes();
        int slots = Math.max(MIN_SLOTS, Math.min(MAX_SLOTS, BATCH_BYTES / slotBytes));
        // every loop's receive times out, so that one told to leave notices without its socket being shut
        this.batch = socket.newBatch(slots, slotBytes, SEND_AREA_BYTES, (int) TimeUnit.NANOSECONDS.toMillis(TICK_NANOS));
        if (!budget.tryReserve(batch.nativeBytes())) {
            batch.close();
            throw new IOException("a receive loop's batch buffers (" + batch.nativeBytes() + " bytes) do not fit in"
                    + " what is left of the memory budget: " + budget + " (switchboard.memory-budget)");
        }
        this.stagedPeers = new InetSocketAddress[slots];
    }

    @Override
    public void stop() {
        stopping = true;
        socket.stopReceiving();
    }

    /** Ends at the next receive timeout (a second) at the latest; {@link #stop} would shut the socket's receiving. */
    @Override
    public void leave() {
        stopping = true;
    }

    @Override
    public void afterPass(CountDownLatch latch) {
        passed.set(latch);
        if ((receiving || ended) && passed.compareAndSet(latch, null)) {
            latch.countDown();
        }
    }

    /** Frees the batch if the loop never ran; a loop that ran frees it itself when it ends. */
    @Override
    public void close() {
        synchronized (this) {
            if (started) {
                return;
            }
        }
        release();
    }

    @Override
    public void run() {
        synchronized (this) {
            started = true;
        }
        watch.bind();
        long nextTick = System.nanoTime() + TICK_NANOS;
        try {
            while (!stopping) {
                receiving = true;
                CountDownLatch latch = passed.getAndSet(null);
                if (latch != null) {
                    latch.countDown();
                }
                int received = receive();
                receiving = false;
                for (int slot = 0; slot < received; slot++) {
                    answer(slot);
                }
                send();
                if (tick != null && System.nanoTime() - nextTick >= 0) {
                    tick.run();
                    nextTick = System.nanoTime() + TICK_NANOS;
                }
            }
        } catch (ClosedChannelException e) {
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
            CountDownLatch latch = passed.getAndSet(null);
            if (latch != null) {
                latch.countDown();
            }
            release();
        }
    }

    private int receive() throws ClosedChannelException {
        try {
            return batch.receive();
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            incidents.failed(Failure.IO, () -> "could not receive datagrams: " + e, null);
            return 0;
        }
    }

    private void answer(int slot) {
        InetSocketAddress from = batch.sender(slot);
        if (from == null) {
            return;
        }
        RequestContext context = intake.admit(from, batch.length(slot));
        if (context == null || !responder.answer(batch.datagram(slot), context)) {
            return;
        }
        ByteBuffer reply = responder.reply();
        if (!batch.hasRoom(reply.remaining())) {
            send();
        }
        batch.stage(slot, reply);
        stagedPeers[staged++] = from;
    }

    private void send() {
        if (staged == 0) {
            return;
        }
        try {
            batch.send(outcomes);
        } catch (ClosedChannelException e) {
            // the endpoint stopped while these replies were being made: stop() counted them as cut
        } catch (IOException e) {
            incidents.failed(Failure.IO, () -> "could not send replies: " + e, null);
        }
        Arrays.fill(stagedPeers, 0, staged, null);
        staged = 0;
    }

    private void release() {
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
        }
        batch.close();
        budget.release(batch.nativeBytes());
    }

    /** Counts each staged reply's fate, as {@link Responder} does for one sent on its own. */
    private final class Outcomes implements DatagramBatch.SendOutcomes {

        @Override
        public void sent(int index, int bytes) {
            counters.increment(Counter.REPLIES);
            counters.add(Counter.BYTES_OUT, bytes);
        }

        @Override
        public void failed(int index, DatagramBatch.SendFailure failure, String detail) {
            InetSocketAddress peer = stagedPeers[index];
            switch (failure) {
                case BUFFER_FULL -> incidents.refused(Refusal.SEND_BUFFER_FULL, () -> "dropped the reply to "
                        + Addresses.format(peer) + ": the socket's send buffer is full (send-buffer-bytes)");
                case PEER_GONE -> log.log(DEBUG, Responder.PEER_GONE,
                        () -> "an earlier reply met a closed port: " + detail);
                case OTHER -> incidents.failed(Failure.IO,
                        () -> "could not send the reply to " + Addresses.format(peer) + ": " + detail, null);
            }
        }
    }
}
