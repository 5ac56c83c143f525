package dev.switchboard.service.uppercase;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.InMemoryTransport;
import dev.switchboard.testkit.TestSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Locale;

/** What the tests share: services made by the provider, requests in any buffer, expected replies. */
final class Uppercasing {

    private static final RequestContext CONTEXT = new RequestContext("test", "test",
            InMemoryTransport.DEFAULT_PEER, new InetSocketAddress("127.0.0.1", 12000));

    private Uppercasing() {}

    /** @return a service created by the provider, with {@code settings} over the defaults */
    static MessageService service(String settings) {
        return new UppercaseProvider().create(TestSettings.serviceContext("uppercase", settings));
    }

    /** @return a service for each mode, for parameterized tests */
    static MessageService service(Mode mode) {
        return service("mode = " + mode.name().toLowerCase(Locale.ROOT));
    }

    /** @return the reply's bytes, which must be present */
    static byte[] handle(MessageService service, ByteBuffer request, Reply reply) throws Exception {
        service.handle(request, CONTEXT, reply);
        if (!reply.isPresent()) {
            throw new AssertionError("no reply");
        }
        ByteBuffer content = reply.content();
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return bytes;
    }

    /** @return the reply to {@code request}, read from a direct or a heap buffer */
    static byte[] handle(MessageService service, byte[] request, boolean direct) throws Exception {
        return handle(service, copy(request, direct), Reply.allocate(1 << 20));
    }

    /** @return {@code bytes} in a new buffer, position 0 and limit at their end */
    static ByteBuffer copy(byte[] bytes, boolean direct) {
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(bytes.length) : ByteBuffer.allocate(bytes.length);
        return buffer.put(bytes).flip();
    }

    /** @return {@code bytes} with ASCII a–z raised and every other byte as it was */
    static byte[] onlyAsciiRaised(byte[] bytes) {
        byte[] raised = bytes.clone();
        for (int i = 0; i < raised.length; i++) {
            if (raised[i] >= 'a' && raised[i] <= 'z') {
                raised[i] -= 'a' - 'A';
            }
        }
        return raised;
    }

    /** @return the parts one after another */
    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** @return the UTF-8 bytes of {@code text} in full upper case */
    static byte[] upperCased(String text) {
        return text.toUpperCase(Locale.ROOT).getBytes(UTF_8);
    }

    /** The service's modes, as configured. */
    enum Mode {
        UNICODE, ASCII;

        /** @return the reply this mode gives to the UTF-8 text */
        byte[] expectedFor(String text) {
            return this == UNICODE ? upperCased(text) : onlyAsciiRaised(text.getBytes(UTF_8));
        }
    }
}
