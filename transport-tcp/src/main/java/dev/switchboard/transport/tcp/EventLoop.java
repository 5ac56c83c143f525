package dev.switchboard.transport.tcp;

import dev.switchboard.api.FrameCodec;
import static java.lang.System.Logger.Level.DEBUG;
import static java.lang.System.Logger.Level.ERROR;
import static java.lang.System.Logger.Level.INFO;
import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.ReplyTooLargeException;
import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.tcp.Connection.State;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One selector thread and the connections it owns. Everything about a connection happens on this
 * thread, so connections need no locks; other threads reach the loop only through
 * {@link #execute}, a concurrent queue plus {@link Selector#wakeup()}.
 *
 * <p>Per message nothing is allocated: each read lands in the loop's one direct buffer, frames are
 * decoded in place and handed to the service as that buffer with its position and limit set, and
 * the service writes into the loop's one direct {@link Reply}, which is gathered with the other
 * replies to the same read into the loop's one batch buffer and written once the read is handled.
 * Only what the socket does not take, and only a partial request, is copied into a buffer of the
 * connection's own, allocated on demand and released once empty.
 */
final class EventLoop implements Runnable, Inbound.Frames {

    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final int BATCH_BYTES = 64 * 1024;
    private static final long MAX_SWEEP_INTERVAL = TimeUnit.SECONDS.toNanos(1);
    private static final long MIN_SWEEP_INTERVAL = TimeUnit.MILLISECONDS.toNanos(10);
    private static final Object PEER_GONE = "peer-gone";

    private final Endpoint endpoint;
    private final FrameCodec decoder;
    private final MessageService service;
    private final Workers workers;
    private final RateLimitedLog log;
    private final Counters.Shard counters;
    private final Selector selector;
    private final BufferGauge gauge = new BufferGauge();
    private final Inbound inbound;
    private final Outbound outbound;
    private final Reply reply;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Consumer<SelectionKey> onSelected = this::onSelected;
    private final int highWatermark;
    private final int lowWatermark;
    private final long idleTimeout;
    private final long frameTimeout;
    private final long sweepInterval;

    private long now;
    private long nextSweep;
    private int connections;
    private boolean stopping;
    private long stopDeadline;

    /**
     * @param endpoint what this loop serves
     * @param counters the shard this loop's thread counts in
     * @throws IOException if the selector cannot be opened
     */
    EventLoop(Endpoint endpoint, Counters.Shard counters) throws IOException {
        TcpSettings settings = endpoint.settings();
        this.endpoint = endpoint;
        this.decoder = endpoint.decoder();
        this.service = endpoint.service();
        this.workers = endpoint.workers();
        this.log = endpoint.log();
        this.counters = counters;
        // one read is one request: the read buffer is the largest frame, and there is no batch of replies to gather
        boolean readDelimited = decoder.isReadDelimited();
        this.inbound = new Inbound(decoder, readDelimited ? decoder.maxFrameBytes() : READ_BUFFER_BYTES,
                gauge, counters, this);
        this.outbound = new Outbound(readDelimited ? 0 : BATCH_BYTES, gauge, counters);
        this.reply = Reply.allocateDirect(settings.maxReplyBytes());
        this.highWatermark = settings.writeHighWatermark();
        this.lowWatermark = settings.writeLowWatermark();
        this.idleTimeout = settings.idleTimeout().toNanos();
        this.frameTimeout = settings.frameTimeout().toNanos();
        this.sweepInterval = sweepInterval(settings.idleTimeout(), settings.frameTimeout());
        this.selector = Selector.open();
    }

    /** Often enough to notice a timeout within a quarter of it, and at most once a second. */
    private static long sweepInterval(Duration... timeouts) {
        long interval = MAX_SWEEP_INTERVAL;
        for (Duration timeout : timeouts) {
            if (!timeout.isZero()) {
                interval = Math.min(interval, timeout.toNanos() / 4);
            }
        }
        return Math.max(interval, MIN_SWEEP_INTERVAL);
    }

    /**
     * Runs {@code task} on this loop's thread, soon. Safe from any thread.
     *
     * @param task what to run
     */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** @param channel a newly accepted, non-blocking connection for this loop to serve */
    void adopt(SocketChannel channel) {
        execute(() -> register(channel));
    }

    /**
     * Stops reading new requests, answers those received, shuts each connection down once its
     * replies are sent, and ends the loop when every connection is closed or at {@code deadline}.
     *
     * @param deadline in {@link System#nanoTime()} terms
     */
    void stop(long deadline) {
        execute(() -> beginStop(deadline));
    }

    /** Closes the selector of a loop that will never run. */
    void closeUnstarted() throws IOException {
        selector.close();
    }

    /** @return bytes held in this loop's per-connection buffers; safe from any thread */
    long bufferedBytes() {
        return gauge.bytes();
    }

    @Override
    public void run() {
        now = System.nanoTime();
        nextSweep = now + sweepInterval;
        try {
            while (true) {
                runTasks();
                if (stopping && (connections == 0 || now - stopDeadline >= 0)) {
                    break;
                }
                selector.select(onSelected, selectTimeoutMillis());
                now = System.nanoTime();
                if (now - nextSweep >= 0) {
                    sweep();
                }
            }
        } catch (IOException | RuntimeException e) {
            endpoint.logger().log(ERROR, "event loop " + Thread.currentThread().getName() + " failed", e);
        } finally {
            closeAll();
        }
    }

    private void runTasks() {
        now = System.nanoTime();
        for (Runnable task; (task = tasks.poll()) != null; ) {
            task.run();
        }
    }

    private long selectTimeoutMillis() {
        long nanos = nextSweep - now;
        if (stopping) {
            nanos = Math.min(nanos, stopDeadline - now);
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
    }

    private void register(SocketChannel channel) {
        try {
            RequestContext context = new RequestContext(endpoint.name(), endpoint.transport(),
                    channel.getRemoteAddress(), channel.getLocalAddress());
            SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
            key.attach(new Connection(channel, key, context, now));
            connections++;
        } catch (IOException e) { // the client left before its connection was registered
            closeQuietly(channel);
            closed();
        }
    }

    private void onSelected(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        now = System.nanoTime();
        try {
            int ready = key.readyOps();
            if ((ready & SelectionKey.OP_WRITE) != 0) {
                outbound.flush(c, now);
                resumeBelowLowWatermark(c);
            }
            if ((ready & SelectionKey.OP_READ) != 0 && c.wantsInput()) {
                onReadable(c);
            }
            settle(c);
        } catch (IOException e) {
            lost(c, e);
        } catch (RuntimeException e) {
            broke(c, e);
        }
    }

    // ---- requests and replies

    private void onReadable(Connection c) throws IOException {
        if (c.state == State.LINGERING) {
            if (inbound.discard(c) < 0) {
                close(c);
            }
        } else if (inbound.read(c, now) < 0) {
            c.peerClosed = true;
            beginClosing(c);
        }
    }

    @Override
    public void handle(Connection c, ByteBuffer request, int trailer) throws IOException {
        counters.increment(Counter.REQUESTS);
        if (workers != null) {
            dispatch(c, request, trailer);
            return;
        }
        decoder.prepare(reply);
        try {
            service.handle(request, c.context, reply);
        } catch (Throwable failure) { // whatever a plugin throws is contained and counted
            replyFailed(c, failure);
            return;
        }
        if (reply.isPresent()) {
            send(c, decoder.encode(reply, trailer));
        }
    }

    private void send(Connection c, ByteBuffer frame) throws IOException {
        counters.increment(Counter.REPLIES);
        outbound.send(c, frame, now);
        pauseAboveHighWatermark(c);
    }

    private void pauseAboveHighWatermark(Connection c) {
        if (c.pendingBytes() > highWatermark) {
            c.readPaused = true;
        }
    }

    private void resumeBelowLowWatermark(Connection c) throws IOException {
        if (c.readPaused && c.pendingBytes() <= lowWatermark) {
            c.readPaused = false;
            c.since = now; // a partial request could not grow while reading was paused
            inbound.decodeHeld(c, now);
        }
    }

    // ---- blocking services

    private void dispatch(Connection c, ByteBuffer request, int trailer) {
        WorkerRequest work = new WorkerRequest(this, workers, c, gauge.copy(request), trailer);
        if (!c.atWorker) {
            submit(c, work);
            return;
        }
        if (c.waiting == null) {
            c.waiting = new ArrayDeque<>();
        }
        c.waiting.add(work);
        c.waitingBytes += work.request.capacity();
        pauseAboveHighWatermark(c);
    }

    private void submit(Connection c, WorkerRequest work) {
        if (workers.trySubmit(work)) {
            c.atWorker = true;
            return;
        }
        gauge.release(work.request);
        counters.refused(Refusal.WORKER_QUEUE_FULL);
        log.log(WARNING, Refusal.WORKER_QUEUE_FULL, () -> "closing the connection from " + peer(c)
                + ": the worker queue is full (worker-queue = " + endpoint.settings().endpoint().workerQueue() + ")");
        dropWaiting(c);
        beginClosing(c);
    }

    /**
     * Sends the outcome of a request that ran at a worker and submits the connection's next one.
     * Runs on this loop's thread.
     *
     * @param work the request, its outcome filled in
     */
    void complete(WorkerRequest work) {
        Connection c = work.connection;
        gauge.release(work.request);
        c.atWorker = false;
        if (c.state == State.CLOSED) {
            return;
        }
        try {
            if (work.failure != null) {
                replyFailed(c, work.failure);
            } else {
                if (work.reply != null) {
                    send(c, work.reply);
                }
                submitNext(c);
            }
            resumeBelowLowWatermark(c);
            settle(c);
        } catch (IOException e) {
            lost(c, e);
        } catch (RuntimeException e) {
            broke(c, e);
        }
    }

    private void submitNext(Connection c) {
        if (c.waiting == null) {
            return;
        }
        WorkerRequest next = c.waiting.poll();
        c.waitingBytes -= next.request.capacity();
        if (c.waiting.isEmpty()) {
            c.waiting = null;
        }
        submit(c, next);
    }

    private void dropWaiting(Connection c) {
        if (c.waiting != null) {
            c.waiting.forEach(work -> gauge.release(work.request));
            c.waiting = null;
            c.waitingBytes = 0;
        }
    }

    // ---- refusals, failures and the end of connections

    @Override
    public void refuse(Connection c, int result) {
        if (result == FrameCodec.TOO_LARGE) {
            refuse(c, Refusal.MESSAGE_TOO_LARGE, WARNING, () -> "closing the connection from " + peer(c)
                    + ": a message exceeds max-message-bytes ("
                    + endpoint.settings().endpoint().maxMessageBytes() + " bytes)");
        } else {
            refuse(c, Refusal.MALFORMED_FRAME, WARNING, () -> "closing the connection from " + peer(c)
                    + ": a frame's length has its top bit set");
        }
    }

    private void refuse(Connection c, Refusal refusal, System.Logger.Level level, Supplier<String> message) {
        counters.refused(refusal);
        log.log(level, refusal, message);
        beginClosing(c);
    }

    /** A request got no reply because its service threw: the connection closes after the replies already due. */
    private void replyFailed(Connection c, Throwable failure) {
        if (failure instanceof ReplyTooLargeException) {
            counters.refused(Refusal.REPLY_TOO_LARGE);
            log.log(WARNING, Refusal.REPLY_TOO_LARGE, () -> "closing the connection from " + peer(c)
                    + ": " + failure.getMessage());
        } else {
            counters.failed(Failure.SERVICE);
            log.log(WARNING, Failure.SERVICE, () -> "closing the connection from " + peer(c)
                    + ": the service failed on its request", failure);
        }
        dropWaiting(c);
        beginClosing(c);
    }

    /** No more requests from this connection: the replies already due go out, then it closes. */
    private void beginClosing(Connection c) {
        if (c.state == State.OPEN || c.state == State.DRAINING) {
            c.state = State.CLOSING;
            c.readPaused = false;
            inbound.drop(c);
        }
    }

    /**
     * Writes the replies batched for {@code c} (every path that handles its requests ends here), then
     * ends a closing or draining connection once every reply due is sent: closes it if its client
     * already shut its side, else shuts ours and lingers. Keeps the interest ops current.
     */
    private void settle(Connection c) throws IOException {
        outbound.flushBatch(c, now);
        pauseAboveHighWatermark(c);
        if ((c.state == State.CLOSING || c.state == State.DRAINING) && c.isSettled()) {
            if (c.peerClosed) {
                close(c);
                return;
            }
            // Closing with unread input would reset the connection, and a reset can destroy
            // replies the client has not read yet: shut our side and read until the client closes.
            inbound.drop(c);
            c.channel.shutdownOutput();
            c.state = State.LINGERING;
            c.since = now;
        }
        if (c.state != State.CLOSED) {
            int ops = (c.wantsInput() ? SelectionKey.OP_READ : 0) | (c.outbound != null ? SelectionKey.OP_WRITE : 0);
            if (c.key.interestOps() != ops) {
                c.key.interestOps(ops);
            }
        }
    }

    /** An I/O error: a client resetting or vanishing is a normal event; anything else is counted. */
    private void lost(Connection c, IOException e) {
        if (isPeerGone(e)) {
            log.log(DEBUG, PEER_GONE, () -> "the connection from " + peer(c) + " ended: " + e.getMessage());
        } else {
            counters.failed(Failure.IO);
            log.log(WARNING, Failure.IO, () -> "closing the connection from " + peer(c) + ": " + e);
        }
        close(c);
    }

    /** A bug, ours or the platform's, costs the connection it hit rather than the loop and all its connections. */
    private void broke(Connection c, RuntimeException e) {
        endpoint.logger().log(ERROR, "closing the connection from " + peer(c) + " after an unexpected failure", e);
        close(c);
    }

    private static boolean isPeerGone(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        return message.contains("reset") || message.contains("broken pipe") || message.contains("timed out")
                || message.contains("forcibly closed") || message.contains("aborted");
    }

    private void close(Connection c) {
        if (c.state == State.CLOSED) {
            return;
        }
        c.state = State.CLOSED;
        c.key.cancel();
        closeQuietly(c.channel);
        inbound.drop(c);
        outbound.drop(c);
        dropWaiting(c);
        connections--;
        closed();
    }

    private void closed() {
        endpoint.openConnections().decrementAndGet();
        counters.increment(Counter.CONNECTIONS_CLOSED);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) { // nothing more can be done for a connection being dropped
        }
    }

    // ---- timeouts and stop

    private void sweep() {
        nextSweep = now + sweepInterval;
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            try {
                sweep(c);
            } catch (IOException e) {
                lost(c, e);
            }
        }
    }

    private void sweep(Connection c) throws IOException {
        if (c.state == State.CLOSED) {
            return;
        }
        if (idleTimeout > 0 && now - c.lastActivity >= idleTimeout) {
            counters.refused(Refusal.IDLE_TIMEOUT);
            log.log(INFO, Refusal.IDLE_TIMEOUT, () -> "closed the connection from " + peer(c) + ": silent for "
                    + describe(endpoint.settings().idleTimeout()) + " (idle-timeout)");
            close(c);
        } else if (frameTimeout > 0 && now - c.since >= frameTimeout) {
            if (c.state == State.LINGERING) {
                close(c); // the client had frame-timeout to close its side
            } else if (c.state == State.OPEN && !c.readPaused && c.holdsInput()) {
                refuse(c, Refusal.FRAME_TIMEOUT, WARNING, () -> "closing the connection from " + peer(c)
                        + ": a request did not complete within "
                        + describe(endpoint.settings().frameTimeout()) + " (frame-timeout)");
                settle(c);
            }
        }
    }

    private void beginStop(long deadline) {
        stopping = true;
        stopDeadline = deadline;
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            if (c.state == State.OPEN) {
                c.state = State.DRAINING;
                try {
                    settle(c);
                } catch (IOException e) {
                    lost(c, e);
                }
            }
        }
    }

    /** Closes whatever is still open when the loop ends; during a stop, that is what the grace period cut. */
    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            Connection c = (Connection) key.attachment();
            if (c.state == State.CLOSED) {
                continue;
            }
            if (stopping && c.state != State.LINGERING) {
                counters.refused(Refusal.SHUTDOWN_TIMEOUT);
                log.log(WARNING, Refusal.SHUTDOWN_TIMEOUT, () -> "closed the connection from " + peer(c)
                        + " with replies still due: the shutdown grace period ran out");
            }
            close(c);
        }
        try {
            selector.close();
        } catch (IOException e) {
            endpoint.logger().log(WARNING, "could not close a selector", e);
        }
    }

    private static Object peer(Connection c) {
        return c.context.remoteAddress();
    }

    /** @return such as {@code "200 ms"} or {@code "300 s"} */
    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
