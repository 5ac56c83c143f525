package dev.switchboard.transport.udp;

import static java.lang.System.Logger.Level.DEBUG;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.ReplyTooLargeException;
import dev.switchboard.api.RequestContext;
import dev.switchboard.transport.Addresses;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counter;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.Failure;
import dev.switchboard.transport.Incidents;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.Refusal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;

/**
 * Answers one datagram at a time: hands it to the service, has the {@link Admission} check the
 * reply, sends it to the sender, and counts (requests, replies, bytes out, refusals, failures) and
 * logs what happened. Each thread that answers has
 * its own responder, whose one direct {@link Reply} serves every datagram.
 */
final class Responder {

    /** The log kind of normal events: an ICMP port-unreachable reported by the kernel. */
    static final Object PEER_GONE = "peer-gone";

    private final MessageService service;
    private final Admission admission;
    private final RateLimitedLog log;
    private final Counters.Shard counters;
    private final Incidents incidents;
    private final BlockedThreads.Watch watch;
    private final EndpointObserver observer;
    private final Reply reply = Reply.allocateDirect(UdpSettings.MAX_DATAGRAM_IPV6);

    /**
     * @param endpoint what this responder serves
     * @param counters where it counts: a shard of its own, or one shared by the worker threads
     * @param watch marks its thread as in the service for as long as it is
     */
    Responder(Endpoint endpoint, Counters.Shard counters, BlockedThreads.Watch watch) {
        this.service = endpoint.served().service();
        this.admission = endpoint.admission();
        this.log = endpoint.served().log();
        this.counters = counters;
        this.incidents = endpoint.served().incidents(counters);
        this.watch = watch;
        this.observer = endpoint.served().observer();
    }

    /**
     * Has the service answer {@code request} and sends the reply, if any and if admitted.
     *
     * @param channel the socket the request arrived on, which the reply leaves from
     * @param request the datagram's bytes, between position and limit
     * @param context where it came from; its remote address is an {@link InetSocketAddress}
     */
    void respond(DatagramChannel channel, ByteBuffer request, RequestContext context) {
        if (answer(request, context)) {
            send(channel, (InetSocketAddress) context.remoteAddress(), reply.size());
        }
    }

    /**
     * Has the service answer {@code request}, counts the request, and checks the reply.
     *
     * @param request the datagram's bytes, between position and limit
     * @param context where it came from; its remote address is an {@link InetSocketAddress}
     * @return whether {@link #reply()} now holds a reply that may go to the sender; if not, what
     *     happened is counted and logged
     */
    boolean answer(ByteBuffer request, RequestContext context) {
        InetSocketAddress peer = (InetSocketAddress) context.remoteAddress();
        int requestBytes = request.remaining();
        counters.increment(Counter.REQUESTS);
        reply.clear();
        watch.enter();
        long start = System.nanoTime();
        try {
            service.handle(request, context, reply);
        } catch (ReplyTooLargeException e) {
            incidents.refused(Refusal.REPLY_TOO_LARGE,
                    () -> "dropped the reply to " + Addresses.format(peer) + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            // only a stop interrupts a worker or a loop, once the grace is over, and it counts what it cuts
            Thread.currentThread().interrupt();
            return false;
        } catch (Throwable e) { // whatever a plugin throws is contained and counted
            incidents.failed(Failure.SERVICE, () -> "the service failed on a datagram from " + Addresses.format(peer)
                    + ", which gets no reply", e);
            return false;
        } finally {
            watch.exit();
        }
        observer.requestServed(System.nanoTime() - start);
        if (!reply.isPresent()) {
            return false;
        }
        int replyBytes = reply.size();
        Refusal refusal = admission.checkReply(peer, requestBytes, replyBytes);
        if (refusal != null) {
            incidents.refused(refusal, () -> "dropped the reply of " + replyBytes + " bytes to " + Addresses.format(peer) + ": "
                    + (refusal == Refusal.REPLY_TOO_LARGE
                            ? "a datagram to it carries at most " + Admission.maxReplyBytes(peer) + " bytes"
                            : "more than max-reply-ratio (" + admission.maxReplyRatio() + ") times its request of "
                                    + requestBytes + " bytes"));
            return false;
        }
        return true;
    }

    /** @return the bytes of the reply {@link #answer} admitted last, valid until the next answer */
    ByteBuffer reply() {
        return reply.content();
    }

    private void send(DatagramChannel channel, InetSocketAddress peer, int replyBytes) {
        try {
            int sent = channel.send(reply.content(), peer);
            // An empty datagram is also "0 bytes sent": only a non-empty one can reveal a full buffer.
            if (sent == 0 && replyBytes > 0) {
                incidents.refused(Refusal.SEND_BUFFER_FULL, () -> "dropped the reply to " + Addresses.format(peer)
                        + ": the socket's send buffer is full (send-buffer-bytes)");
                return;
            }
            counters.increment(Counter.REPLIES);
            counters.add(Counter.BYTES_OUT, sent);
        } catch (ClosedChannelException e) {
            // the endpoint stopped while this reply was being made: stop() counted it as cut
        } catch (PortUnreachableException e) {
            log.log(DEBUG, PEER_GONE, () -> "an earlier reply met a closed port: " + e.getMessage());
        } catch (IOException e) {
            incidents.failed(Failure.IO, () -> "could not send the reply to " + Addresses.format(peer) + ": " + e, null);
        }
    }
}
