package dev.switchboard.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportStats;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport without sockets, for unit tests of services: each {@link #send} is one request,
 * handled on the calling thread, and returns the reply. Unlike a network transport it lets the
 * service's exceptions through, so that a test sees them. It refuses a reply the network
 * transports would refuse: one larger than its bound ({@link #DEFAULT_MAX_REPLY_BYTES} unless
 * given) makes {@link #send} throw {@link dev.switchboard.api.ReplyTooLargeException}.
 *
 * <pre>{@code
 * InMemoryTransport endpoint = InMemoryTransport.serving(new UppercaseService());
 * assertEquals(Optional.of("HELLO"), endpoint.send("hello"));
 * }</pre>
 */
public final class InMemoryTransport implements Transport {

    /**
     * The reply bound of {@link #serving(MessageService)}: 65,507 bytes, the most the {@code udp}
     * transport sends in one datagram over IPv4. The {@code tcp} transport's bound at its defaults
     * is higher (three times {@code max-message-bytes}, 192 KiB), so a reply within this one is sent
     * by both; {@link #serving(MessageService, int)} gives another bound.
     */
    public static final int DEFAULT_MAX_REPLY_BYTES = 65_507;

    /** The address requests seem to come from unless a test says otherwise. */
    public static final InetSocketAddress DEFAULT_PEER = new InetSocketAddress("127.0.0.1", 40000);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 12000);

    private final String endpoint;
    private final int maxReplyBytes;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private volatile MessageService service;

    /**
     * @param endpoint the endpoint name services see in their {@link RequestContext}
     * @param maxReplyBytes the largest reply accepted, as a network transport would limit it
     */
    public InMemoryTransport(String endpoint, int maxReplyBytes) {
        this.endpoint = endpoint;
        this.maxReplyBytes = maxReplyBytes;
    }

    /**
     * @param service the service under test
     * @return a started transport for endpoint {@code "test"} with replies of up to
     *     {@link #DEFAULT_MAX_REPLY_BYTES}
     */
    public static InMemoryTransport serving(MessageService service) {
        return serving(service, DEFAULT_MAX_REPLY_BYTES);
    }

    /**
     * @param service the service under test
     * @param maxReplyBytes the largest reply accepted, such as the bound of the endpoint the service
     *     is meant for
     * @return a started transport for endpoint {@code "test"}
     */
    public static InMemoryTransport serving(MessageService service, int maxReplyBytes) {
        InMemoryTransport transport = new InMemoryTransport("test", maxReplyBytes);
        transport.start(service);
        return transport;
    }

    @Override
    public void start(MessageService service) {
        if (this.service != null) {
            throw new IllegalStateException("already started");
        }
        this.service = service;
    }

    /**
     * @param request the request's text, sent as UTF-8
     * @return the reply decoded as UTF-8, or empty if there was none
     * @throws dev.switchboard.api.ReplyTooLargeException if the service wrote more than the bound
     * @throws Exception whatever the service threw
     */
    public Optional<String> send(String request) throws Exception {
        return send(request.getBytes(UTF_8)).map(reply -> new String(reply, UTF_8));
    }

    /**
     * @param request the request's bytes
     * @return the reply's bytes, or empty if there was none
     * @throws Exception whatever the service threw
     */
    public Optional<byte[]> send(byte[] request) throws Exception {
        return send(request, DEFAULT_PEER);
    }

    /**
     * @param request the request's bytes
     * @param peer the address the request seems to come from
     * @return the reply's bytes, or empty if there was none
     * @throws Exception whatever the service threw
     */
    public Optional<byte[]> send(byte[] request, InetSocketAddress peer) throws Exception {
        MessageService current = service;
        if (current == null) {
            throw new IllegalStateException("not started, or stopped");
        }
        requests.incrementAndGet();
        bytesIn.addAndGet(request.length);
        Reply reply = Reply.allocate(maxReplyBytes);
        current.handle(ByteBuffer.wrap(request), new RequestContext(endpoint, "memory", peer, LOCAL), reply);
        if (!reply.isPresent()) {
            return Optional.empty();
        }
        ByteBuffer content = reply.content();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        replies.incrementAndGet();
        bytesOut.addAndGet(bytes.length);
        return Optional.of(bytes);
    }

    @Override
    public SocketAddress localAddress() {
        return service == null ? null : LOCAL;
    }

    @Override
    public void stop(Duration grace) {
        service = null;
    }

    @Override
    public TransportStats stats() {
        return new TransportStats(0, 0, requests.get(), replies.get(), bytesIn.get(), bytesOut.get(),
                Map.of(), Map.of());
    }

    @Override
    public String description() {
        return "in memory";
    }
}
