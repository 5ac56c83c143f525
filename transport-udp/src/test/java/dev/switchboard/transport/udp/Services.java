package dev.switchboard.transport.udp;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import java.nio.ByteBuffer;
import java.util.Locale;

/** Small services for the tests: an upper-casing one, an echo, and variants that block, fail or grow. */
final class Services {

    private Services() {}

    /** @return a service answering each request in upper case, like the exercise's server */
    static MessageService upper() {
        return MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));
    }

    /** @return a service answering each request with its own bytes */
    static MessageService echo() {
        return (request, context, reply) -> reply.write(request);
    }

    /**
     * @param gate where requests starting with {@code "wait"} stop until it opens
     * @param blocking whether the service declares that it blocks
     * @return an echo that holds the requests starting with {@code "wait"} at {@code gate}
     */
    static MessageService gated(Gate gate, boolean blocking) {
        return new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) throws InterruptedException {
                if (UTF_8.decode(request.duplicate()).toString().startsWith("wait")) {
                    gate.pass();
                }
                reply.write(request);
            }

            @Override
            public boolean isBlocking() {
                return blocking;
            }
        };
    }

    /**
     * @param service a service
     * @return the same service, declaring that it blocks
     */
    static MessageService blocking(MessageService service) {
        return new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
                service.handle(request, context, reply);
            }

            @Override
            public boolean isBlocking() {
                return true;
            }
        };
    }

    /** @return a blocking service answering with the name of the thread that ran it */
    static MessageService blockingThreadName() {
        return blocking((request, context, reply) -> reply.write(Thread.currentThread().getName()));
    }

    /** @return an upper-casing service that throws on requests starting with {@code "fail"} */
    static MessageService failingOnFail() {
        MessageService upper = upper();
        return (request, context, reply) -> {
            if (UTF_8.decode(request.duplicate()).toString().startsWith("fail")) {
                throw new IllegalStateException("the test service fails on purpose");
            }
            upper.handle(request, context, reply);
        };
    }

    /**
     * @param times how many copies of its request a reply holds
     * @return a service answering requests starting with {@code "grow"} with {@code times} copies of
     *     them, and the others in upper case
     */
    static MessageService growing(int times) {
        return MessageService.ofText(text -> text.startsWith("grow") ? text.repeat(times) : text.toUpperCase(Locale.ROOT));
    }

    /**
     * @param replyBytes the size of the reply to requests starting with {@code "huge"}
     * @return a service answering those with {@code replyBytes} bytes, and the others in upper case
     */
    static MessageService huge(int replyBytes) {
        MessageService upper = upper();
        return (request, context, reply) -> {
            if (UTF_8.decode(request.duplicate()).toString().startsWith("huge")) {
                reply.write(new byte[replyBytes]);
            } else {
                upper.handle(request, context, reply);
            }
        };
    }
}
