package dev.switchboard.api;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Several services run in order, each one's reply feeding the next. The intermediate replies live
 * in per-thread buffers so that a chain allocates nothing per request once warm.
 */
final class ServiceChain implements MessageService {

    private final List<MessageService> services;
    private final boolean blocking;
    private final ThreadLocal<Reply[]> intermediates = new ThreadLocal<>();

    ServiceChain(List<? extends MessageService> services) {
        this.services = List.copyOf(services);
        this.blocking = this.services.stream().anyMatch(MessageService::isBlocking);
    }

    @Override
    public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
        Reply[] scratch = intermediatesFor(reply.maxBytes());
        ByteBuffer input = request;
        int last = services.size() - 1;
        for (int i = 0; i < last; i++) {
            Reply output = scratch[i & 1];
            output.clear();
            services.get(i).handle(input, context, output);
            if (!output.isPresent()) {
                return;
            }
            input = output.content();
        }
        services.get(last).handle(input, context, reply);
    }

    private Reply[] intermediatesFor(int maxBytes) {
        Reply[] scratch = intermediates.get();
        if (scratch == null || scratch[0].maxBytes() < maxBytes) {
            scratch = new Reply[] {Reply.allocate(maxBytes), Reply.allocate(maxBytes)};
            intermediates.set(scratch);
        }
        return scratch;
    }

    @Override
    public boolean isBlocking() {
        return blocking;
    }

    /** Closes every service, even if some fail, and rethrows the first failure. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (MessageService service : services) {
            try {
                service.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "ServiceChain" + services;
    }
}
