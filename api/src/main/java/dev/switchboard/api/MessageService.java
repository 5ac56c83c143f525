package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What an endpoint does with one request: turns its bytes into zero or one reply.
 *
 * <p>A transport calls {@link #handle} once per request (one UDP datagram, one TCP frame). The
 * request's bytes are those between the buffer's position and limit. They belong to the service
 * for the duration of the call only: it may read them, and may even overwrite them in place, but it
 * must not keep a reference to the buffer after returning, because the transport reuses it for the
 * next request. The service answers by writing into {@code reply}; a reply left untouched means
 * "no reply".
 *
 * <h2>Threads</h2>
 * One instance serves a whole endpoint, so {@code handle} is called concurrently from several
 * I/O threads and must be thread-safe. It runs on those I/O threads and therefore must not block
 * (no file or network I/O, no locks held for long, no sleeping), unless {@link #isBlocking()}
 * returns {@code true}: then the transport runs it on a bounded pool of worker threads instead.
 *
 * <h2>Failures</h2>
 * An exception thrown by {@code handle} loses that request's reply and nothing else: the transport
 * counts and logs it (rate-limited) and keeps serving. Over TCP the connection that sent the
 * request is closed once the replies already due on it are written, so that its client does not
 * wait for an answer that will never come.
 *
 * <h2>Example</h2>
 * <pre>{@code
 * MessageService reverse = MessageService.ofText(s -> new StringBuilder(s).reverse().toString());
 * }</pre>
 */
public interface MessageService extends AutoCloseable {

    /**
     * Handles one request.
     *
     * @param request the request's bytes, between position and limit; valid during this call only
     * @param context where the request came from
     * @param reply where to write the reply; empty on entry, and sent only if written to
     * @throws Exception if the request cannot be handled; it gets no reply
     */
    void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception;

    /**
     * Whether {@link #handle} may block. A blocking service runs on a bounded worker pool instead of
     * an I/O thread; replies on one TCP connection still leave in request order.
     *
     * @return {@code false} unless overridden
     */
    default boolean isBlocking() {
        return false;
    }

    /**
     * Releases what this service holds. Called once, after every transport using it has stopped.
     */
    @Override
    default void close() {}

    /**
     * A service that runs {@code services} one after another, each one's reply being the next one's
     * request. The chain stops early, with no reply, at the first service that does not reply.
     *
     * @param services at least one service
     * @return {@code services.get(0)} when there is only one, else a chain
     * @throws IllegalArgumentException if {@code services} is empty
     */
    static MessageService chain(List<? extends MessageService> services) {
        if (services.isEmpty()) {
            throw new IllegalArgumentException("a service chain needs at least one service");
        }
        return services.size() == 1 ? services.get(0) : new ServiceChain(services);
    }

    /**
     * A service for text: decodes each request as UTF-8 (malformed bytes become U+FFFD), applies
     * {@code transformation} and encodes its result as the reply. A {@code null} result means no
     * reply. Convenient for services where simplicity matters more than speed: it allocates per
     * request.
     *
     * @param transformation from request text to reply text, or to {@code null} for no reply
     * @return a non-blocking service
     */
    static MessageService ofText(UnaryOperator<String> transformation) {
        return (request, context, reply) -> {
            String answer = transformation.apply(StandardCharsets.UTF_8.decode(request).toString());
            if (answer != null) {
                reply.write(answer);
            }
        };
    }
}
