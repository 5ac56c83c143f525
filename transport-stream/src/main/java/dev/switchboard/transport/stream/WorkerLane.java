package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.transport.Refusal;
import dev.switchboard.transport.WorkerPool;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Runs a blocking service's requests on the endpoint's {@link WorkerPool}, one request of a
 * connection at a time, so that its replies leave in request order: the others wait in the
 * connection, counted against its write watermark. A worker frames its reply with the codec in a
 * reply of its own and hands back a copy, which the loop sends.
 */
final class WorkerLane {

    private final WorkerPool pool;
    private final MessageService service;
    private final FrameCodec codec;
    private final ThreadLocal<Reply> replies;
    private final BufferGauge gauge;
    private final Outbound outbound;
    private final Connections connections;
    private final Consumer<WorkerRequest> answered;
    private final int workerQueue;
    private final EndpointObserver observer;

    /**
     * @param answered hands an answered request back to the loop's thread; called on a worker thread
     */
    WorkerLane(Endpoint endpoint, BufferGauge gauge, Outbound outbound, Connections connections,
            Consumer<WorkerRequest> answered) {
        this.pool = endpoint.workers();
        this.service = endpoint.served().service();
        this.codec = endpoint.settings().codec();
        int maxReplyBytes = endpoint.settings().maxReplyBytes();
        this.replies = ThreadLocal.withInitial(() -> Reply.allocate(maxReplyBytes));
        this.gauge = gauge;
        this.outbound = outbound;
        this.connections = connections;
        this.answered = answered;
        this.workerQueue = endpoint.settings().endpoint().workerQueue();
        this.observer = endpoint.served().observer();
    }

    /** On the loop's thread: sends a copy of the request to a worker, or queues it behind the one there. */
    void dispatch(Connection c, ByteBuffer payload, int trailer) throws MemoryBudgetExceeded {
        WorkerRequest work = new WorkerRequest(this, c, gauge.copy(payload), trailer);
        if (!c.atWorker) {
            submit(c, work);
            return;
        }
        if (c.waiting == null) {
            c.waiting = new ArrayDeque<>();
        }
        c.waiting.add(work);
        c.waitingBytes += work.request.capacity();
        outbound.pauseAboveHighWatermark(c);
    }

    /** On a worker thread: handles the request, records its outcome and hands it back. */
    void answer(WorkerRequest work) {
        Reply reply = replies.get();
        codec.prepare(reply);
        try {
            long start = System.nanoTime();
            service.handle(work.request, work.connection.context, reply);
            observer.requestServed(System.nanoTime() - start);
            if (reply.isPresent()) {
                ByteBuffer frame = codec.encode(reply, work.trailer);
                work.reply = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
            }
        } catch (Throwable failure) { // whatever a plugin throws is contained and counted
            work.failure = failure;
        }
        answered.accept(work);
    }

    /**
     * On the loop's thread: sends the outcome of a request that ran at a worker and submits the
     * connection's next one.
     *
     * @return whether the connection is still open
     */
    boolean complete(WorkerRequest work) throws IOException {
        Connection c = work.connection;
        gauge.release(work.request);
        c.atWorker = false;
        if (c.state == Connection.State.CLOSED) {
            return false;
        }
        if (work.failure != null) {
            connections.replyFailed(c, work.failure);
            return true;
        }
        if (work.reply != null) {
            outbound.send(c, work.reply);
        }
        submitNext(c);
        return true;
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

    private void submit(Connection c, WorkerRequest work) {
        if (pool.trySubmit(work)) {
            c.atWorker = true;
            return;
        }
        gauge.release(work.request);
        c.releaseWaiting(gauge);
        connections.refuse(c, Refusal.WORKER_QUEUE_FULL, WARNING, () -> "closing the connection from "
                + connections.peer(c) + ": the worker queue is full (worker-queue = " + workerQueue + ")");
    }
}
