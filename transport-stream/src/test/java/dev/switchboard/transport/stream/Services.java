package dev.switchboard.transport.stream;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.Await;
import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Small services for the transport's tests. */
final class Services {

    private Services() {}

    /** Raises ASCII a–z in place of a copy, allocating nothing: the exercise's service, for ASCII. */
    static final MessageService ASCII_UPPER_CASE = (request, context, reply) -> {
        ByteBuffer out = reply.buffer(request.remaining());
        for (int i = request.position(); i < request.limit(); i++) {
            byte b = request.get(i);
            out.put(b >= 'a' && b <= 'z' ? (byte) (b - 32) : b);
        }
    };

    /** Unicode upper case of UTF-8 text. */
    static final MessageService UPPER_CASE = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    /** Throws on the request {@code boom}, else upper-cases ASCII. */
    static final MessageService FAILS_ON_BOOM = (request, context, reply) -> {
        if (request.remaining() == 4 && request.getInt(request.position()) == 0x626f6f6d) {
            throw new IllegalStateException("boom");
        }
        ASCII_UPPER_CASE.handle(request, context, reply);
    };

    /** A blocking service that upper-cases ASCII after a random pause of up to a millisecond. */
    static final MessageService SLOW_UPPER_CASE = new Blocking() {
        @Override
        public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(TimeUnit.MILLISECONDS.toNanos(1)));
            ASCII_UPPER_CASE.handle(request, context, reply);
        }
    };

    /** A service that declares itself blocking. */
    abstract static class Blocking implements MessageService {
        @Override
        public boolean isBlocking() {
            return true;
        }
    }

    /** A blocking service that holds every request until released, then upper-cases it. */
    static final class Gate extends Blocking {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
            entered.countDown();
            if (!released.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the gate");
            }
            ASCII_UPPER_CASE.handle(request, context, reply);
        }
    }
}
