package dev.switchboard.api;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageServiceTest {

    private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 5000);
    private static final RequestContext CONTEXT = new RequestContext("test", "memory", PEER, PEER);

    private static Reply handle(MessageService service, String request) throws Exception {
        Reply reply = Reply.allocate(1024);
        service.handle(ByteBuffer.wrap(request.getBytes(UTF_8)), CONTEXT, reply);
        return reply;
    }

    private static String text(Reply reply) {
        return UTF_8.decode(reply.content()).toString();
    }

    @Test
    void ofTextTransformsDecodedText() throws Exception {
        MessageService reverse = MessageService.ofText(s -> new StringBuilder(s).reverse().toString());
        assertEquals("éba", text(handle(reverse, "abé")));
    }

    @Test
    void ofTextSendsNoReplyForNull() throws Exception {
        assertFalse(handle(MessageService.ofText(s -> null), "x").isPresent());
    }

    @Test
    void aChainOfOneIsTheServiceItself() {
        MessageService only = MessageService.ofText(s -> s);
        assertSame(only, MessageService.chain(List.of(only)));
    }

    @Test
    void anEmptyChainIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MessageService.chain(List.of()));
    }

    @Test
    void aChainFeedsEachReplyToTheNextServiceInOrder() throws Exception {
        MessageService chain = MessageService.chain(List.of(
                MessageService.ofText(s -> s + "1"),
                MessageService.ofText(s -> s + "2"),
                MessageService.ofText(s -> s + "3")));
        assertEquals("x123", text(handle(chain, "x")));
    }

    @Test
    void aChainStopsAtTheFirstServiceThatDoesNotReply() throws Exception {
        List<String> seen = new ArrayList<>();
        MessageService chain = MessageService.chain(List.of(
                MessageService.ofText(s -> null),
                MessageService.ofText(s -> {
                    seen.add(s);
                    return s;
                })));
        assertFalse(handle(chain, "x").isPresent());
        assertTrue(seen.isEmpty());
    }

    @Test
    void aChainMayModifyItsInputInPlace() throws Exception {
        MessageService increment = (request, context, reply) -> {
            for (int i = request.position(); i < request.limit(); i++) {
                request.put(i, (byte) (request.get(i) + 1));
            }
            reply.write(request);
        };
        MessageService chain = MessageService.chain(List.of(increment, increment, increment));
        assertArrayEquals("d".getBytes(UTF_8), ReplyTest.bytesOf(handle(chain, "a").content()));
    }

    @Test
    void aChainIsBlockingIfAnyOfItsServicesIs() {
        MessageService blocking = new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) {}

            @Override
            public boolean isBlocking() {
                return true;
            }
        };
        MessageService plain = MessageService.ofText(s -> s);
        assertTrue(MessageService.chain(List.of(plain, blocking)).isBlocking());
        assertFalse(MessageService.chain(List.of(plain, plain)).isBlocking());
    }

    @Test
    void closingAChainClosesEveryServiceEvenIfOneFails() {
        List<String> closed = new ArrayList<>();
        MessageService failing = new Named("a", closed) {
            @Override
            public void close() {
                super.close();
                throw new IllegalStateException("boom");
            }
        };
        MessageService chain = MessageService.chain(List.of(failing, new Named("b", closed)));
        assertThrows(IllegalStateException.class, chain::close);
        assertEquals(List.of("a", "b"), closed);
    }

    private static class Named implements MessageService {
        private final String name;
        private final List<String> closed;

        Named(String name, List<String> closed) {
            this.name = name;
            this.closed = closed;
        }

        @Override
        public void handle(ByteBuffer request, RequestContext context, Reply reply) {}

        @Override
        public void close() {
            closed.add(name);
        }
    }
}
