package dev.switchboard.transport.tcp;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.transport.WorkerPool;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Runs a blocking service off the event loops, on a bounded {@link WorkerPool}. Each worker thread
 * writes into its own reply and hands back a framed copy.
 */
final class Workers {

    private final WorkerPool pool;
    private final MessageService service;
    private final FrameCodec decoder;
    private final ThreadLocal<Reply> replies;

    /**
     * @param name prefix of the worker threads' names
     * @param settings the endpoint's settings: pool size, queue and reply size
     * @param service the blocking service
     * @param decoder the framing replies get
     */
    Workers(String name, TcpSettings settings, MessageService service, FrameCodec decoder) {
        this.pool = new WorkerPool(name, settings.endpoint().workerThreads(), settings.endpoint().workerQueue());
        this.service = service;
        this.decoder = decoder;
        int maxReplyBytes = settings.maxReplyBytes();
        this.replies = ThreadLocal.withInitial(() -> Reply.allocate(maxReplyBytes));
    }

    /**
     * @param request the request to run on a worker thread
     * @return whether it was accepted; {@code false} when the queue is full
     */
    boolean trySubmit(WorkerRequest request) {
        return pool.trySubmit(request);
    }

    /**
     * Handles {@code request} on the calling worker thread and records its outcome in it.
     *
     * @param request a request taken from the pool's queue
     */
    void handle(WorkerRequest request) {
        Reply reply = replies.get();
        decoder.prepare(reply);
        try {
            service.handle(request.request, request.connection.context, reply);
            if (reply.isPresent()) {
                ByteBuffer frame = decoder.encode(reply, request.trailer);
                request.reply = ByteBuffer.allocate(frame.remaining()).put(frame).flip();
            }
        } catch (Throwable failure) { // whatever a plugin throws is contained and counted
            request.failure = failure;
        }
    }

    /**
     * Lets the worker threads end, interrupting what still runs after {@code grace}. Called once the
     * event loops, which wait for their requests at workers while draining, have ended.
     *
     * @param grace what is left of the transport's shutdown grace period
     */
    void stop(Duration grace) {
        pool.stop(grace);
    }
}
