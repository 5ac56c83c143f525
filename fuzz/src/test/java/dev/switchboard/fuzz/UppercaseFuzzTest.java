package dev.switchboard.fuzz;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.ReplyTooLargeException;
import dev.switchboard.api.RequestContext;
import dev.switchboard.service.uppercase.UppercaseProvider;
import dev.switchboard.testkit.TestSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Locale;

/**
 * The uppercase service on any bytes, in both modes, as the module's {@code reference.conf} states
 * it: {@code ascii} raises only ASCII a–z and keeps every other byte; {@code unicode} answers valid
 * UTF-8 with its full upper case ({@code String.toUpperCase(Locale.ROOT)}, encoded as UTF-8) and
 * anything else as {@code ascii} does. The service never throws, except {@link ReplyTooLargeException}
 * exactly when the reply is larger than the reply's maximum.
 *
 * <p>Each request is handed over the ways a transport may: in a heap buffer, and inside a larger
 * little-endian direct buffer into a reused direct reply with headroom for a frame header. One
 * service of each mode serves every input, as one serves a whole endpoint.
 */
class UppercaseFuzzTest {

    private static final RequestContext CONTEXT = new RequestContext("fuzz", "tcp",
            new InetSocketAddress("127.0.0.1", 40000), new InetSocketAddress("127.0.0.1", 12000));
    private static final MessageService UNICODE = service("unicode");
    private static final MessageService ASCII = service("ascii");
    /** Transports reuse one reply per thread; three times the largest request the fuzzer makes is ample. */
    private static final Reply REUSED = Reply.allocateDirect(1 << 20);
    private static final int HEADROOM = 4;
    private static final byte SURROUNDING = 'q';

    @FuzzTest(maxDuration = "10m")
    void upperCasesAnyBytes(byte[] request) throws Exception {
        byte[] asciiRaised = onlyAsciiRaised(request);
        byte[] unicode = isAscii(request) || !isUtf8(request) ? asciiRaised
                : new String(request, UTF_8).toUpperCase(Locale.ROOT).getBytes(UTF_8);
        answers(ASCII, request, asciiRaised);
        answers(UNICODE, request, unicode);
    }

    private static void answers(MessageService service, byte[] request, byte[] expected) throws Exception {
        assertArrayEquals(expected, fromHeapIntoExactReply(service, request, expected.length), service::toString);
        assertArrayEquals(expected, fromDirectIntoReusedReply(service, request), service::toString);
        if (expected.length > 0) {
            Reply tooSmall = Reply.allocate(expected.length - 1);
            assertThrows(ReplyTooLargeException.class,
                    () -> service.handle(ByteBuffer.wrap(request.clone()), CONTEXT, tooSmall), service::toString);
        }
    }

    /** A reply whose maximum is exactly the expected reply's size must hold it. */
    private static byte[] fromHeapIntoExactReply(MessageService service, byte[] request, int maxBytes)
            throws Exception {
        Reply reply = Reply.allocate(maxBytes);
        service.handle(ByteBuffer.wrap(request.clone()), CONTEXT, reply);
        assertTrue(reply.isPresent(), "no reply");
        assertTrue(reply.size() <= reply.maxBytes(), "reply beyond its maximum");
        return bytes(reply.content());
    }

    /**
     * The request between position and limit of a larger buffer: the service may overwrite the
     * request in place, but no byte around it.
     */
    private static byte[] fromDirectIntoReusedReply(MessageService service, byte[] request) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocateDirect(request.length + 2 * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            buffer.put(SURROUNDING);
        }
        buffer.position(Long.BYTES).put(request).flip().position(Long.BYTES).limit(Long.BYTES + request.length);
        REUSED.clear(HEADROOM);
        service.handle(buffer, CONTEXT, REUSED);
        assertTrue(REUSED.isPresent(), "no reply");
        buffer.clear();
        for (int i : new int[] {0, Long.BYTES - 1, Long.BYTES + request.length, buffer.capacity() - 1}) {
            assertEquals(SURROUNDING, buffer.get(i), "byte " + i + " outside the request was overwritten");
        }
        return bytes(REUSED.content());
    }

    private static MessageService service(String mode) {
        return new UppercaseProvider().create(TestSettings.serviceContext("uppercase", "mode = " + mode));
    }

    private static byte[] onlyAsciiRaised(byte[] bytes) {
        byte[] raised = bytes.clone();
        for (int i = 0; i < raised.length; i++) {
            if (raised[i] >= 'a' && raised[i] <= 'z') {
                raised[i] -= 'a' - 'A';
            }
        }
        return raised;
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Decoding replaces every malformed, overlong, surrogate or truncated sequence with U+FFFD, whose
     * encoding is itself well-formed: the bytes come back unchanged exactly when they were valid.
     */
    private static boolean isUtf8(byte[] bytes) {
        return Arrays.equals(bytes, new String(bytes, UTF_8).getBytes(UTF_8));
    }

    private static byte[] bytes(ByteBuffer content) {
        byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        return bytes;
    }
}
