package ${package};

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import java.nio.ByteBuffer;

/**
 * Answers each request with its own bytes followed by the configured suffix, copied from buffer to
 * buffer: nothing is allocated per request. This is the template's example; put your own
 * behaviour in {@link #handle}.
 *
 * <p>One instance serves a whole endpoint, called concurrently from the transport's I/O threads: it
 * keeps no state but its suffix, which it never changes, and it never blocks.
 */
final class ${classPrefix}Service implements MessageService {

    private final byte[] suffix;

    ${classPrefix}Service(byte[] suffix) {
        this.suffix = suffix.clone();
    }

    /**
     * The request buffer is the transport's and valid during this call only; the reply's buffer is
     * valid until the next call on the reply. Neither is kept.
     */
    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) {
        reply.buffer(request.remaining() + suffix.length).put(request).put(suffix);
    }
}
