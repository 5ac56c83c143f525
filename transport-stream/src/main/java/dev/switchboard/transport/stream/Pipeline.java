package dev.switchboard.transport.stream;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One loop's way from a decoded request to its framed reply: the service writes into the loop's one
 * direct {@link Reply}, which the codec frames in place and the {@link Outbound} sends. A blocking
 * service's requests go to the {@link WorkerLane} instead.
 */
final class Pipeline {

    private final MessageService service;
    private final FrameCodec codec;
    private final Reply reply;
    private final Counters.Shard counters;
    private final Outbound outbound;
    private final Connections connections;
    private final WorkerLane lane;
    private final BlockedThreads.Watch watch;
    private final EndpointObserver observer;

    /**
     * @param lane where requests go when the service is blocking; null to run it here
     * @param connections ends the connection of a request whose service failed
     * @param watch marks the loop's thread as in the service for as long as it is
     */
    Pipeline(Endpoint endpoint, Counters.Shard counters, Outbound outbound, Connections connections, WorkerLane lane,
            BlockedThreads.Watch watch) {
        this.service = endpoint.served().service();
        this.codec = endpoint.settings().codec();
        this.reply = Reply.allocateDirect(endpoint.settings().maxReplyBytes());
        this.counters = counters;
        this.outbound = outbound;
        this.connections = connections;
        this.lane = lane;
        this.watch = watch;
        this.observer = endpoint.served().observer();
    }

    /**
     * Answers one request.
     *
     * @param payload the request, between position and limit; valid during this call only
     * @param trailer the length of the request's trailer, for the codec to frame the reply to match
     */
    void handle(Connection c, ByteBuffer payload, int trailer) throws IOException {
        counters.increment(Counter.REQUESTS);
        if (lane != null) {
            lane.dispatch(c, payload, trailer);
            return;
        }
        codec.prepare(reply);
        watch.enter();
        long start = System.nanoTime();
        try {
            service.handle(payload, c.context, reply);
        } catch (Throwable failure) { // whatever a plugin throws is contained and counted
            watch.exit();
            connections.replyFailed(c, failure);
            return;
        }
        watch.exit();
        observer.requestServed(System.nanoTime() - start);
        if (reply.isPresent()) {
            outbound.send(c, codec.encode(reply, trailer));
        }
    }
}
