package dev.switchboard.benchmarks.jmh;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.service.uppercase.UppercaseProvider;
import dev.switchboard.testkit.TestSettings;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The uppercase service on the hot path, as a transport calls it: {@link MessageService#handle}
 * with a request buffer and a {@link Reply} reused from one request to the next. Run with
 * {@code -prof gc}: {@code gc.alloc.rate.norm} is the bytes allocated per request.
 *
 * <pre>{@code
 * java -jar target/switchboard-benchmarks.jar jmh -prof gc UppercaseServiceBenchmark
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class UppercaseServiceBenchmark {

    private static final String ASCII = "the quick brown fox jumps over the lazy dog, 0123456789. ";
    private static final String MIXED = "héllo wörld, straße: ﬁne çafé ıi ǅ ";

    /** ascii: lowercase ASCII; mixed-utf8: Latin-1 and special-cased letters among ASCII; invalid-utf8: ASCII with stray bytes. */
    @Param({"ascii", "mixed-utf8", "invalid-utf8"})
    public String text;

    /** Request size in bytes. */
    @Param({"16", "1024", "65536"})
    public int size;

    /** Whether the request is in a heap or a direct buffer (the TCP and UDP transports read into direct ones). */
    @Param({"heap", "direct"})
    public String input;

    /** The service's mode setting: unicode (the default) or ascii. */
    @Param({"unicode"})
    public String mode;

    private MessageService service;
    private ByteBuffer request;
    private Reply reply;
    private RequestContext context;

    @Setup
    public void setUp() {
        service = new UppercaseProvider().create(TestSettings.serviceContext("uppercase", "mode = " + mode));
        byte[] bytes = requestBytes(text, size);
        request = input.equals("direct") ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        request.put(bytes).flip();
        // as the TCP transport sizes it: three times the largest request, direct
        reply = Reply.allocateDirect(3 * 65536);
        InetSocketAddress peer = new InetSocketAddress("127.0.0.1", 40000);
        context = new RequestContext("bench", "tcp", peer, new InetSocketAddress("127.0.0.1", 12000));
    }

    /** @return the reply, so that its computation cannot be eliminated */
    @Benchmark
    public ByteBuffer handle() throws Exception {
        reply.clear();
        request.limit(size).position(0);
        service.handle(request, context, reply);
        return reply.content();
    }

    /** @return {@code size} bytes of the given kind of text, whole characters only */
    static byte[] requestBytes(String text, int size) {
        byte[] bytes = new byte[size];
        switch (text) {
            case "ascii" -> fill(bytes, ASCII.getBytes(StandardCharsets.US_ASCII));
            case "mixed-utf8" -> {
                fill(bytes, (MIXED + ASCII).getBytes(StandardCharsets.UTF_8));
                // end on a whole character: blank out a trailing partial sequence
                for (int i = size - 1; i >= 0 && (bytes[i] & 0xC0) == 0x80; i--) {
                    bytes[i] = ' ';
                }
                if (size > 0 && bytes[size - 1] < 0) {
                    bytes[size - 1] = ' ';
                }
            }
            case "invalid-utf8" -> {
                fill(bytes, ASCII.getBytes(StandardCharsets.US_ASCII));
                for (int i = 5; i < size; i += 23) {
                    bytes[i] = (byte) (i % 2 == 0 ? 0xFF : 0x80); // never valid in UTF-8 / a stray continuation
                }
            }
            default -> throw new IllegalArgumentException("unknown text kind " + text);
        }
        return bytes;
    }

    private static void fill(byte[] bytes, byte[] pattern) {
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = pattern[i % pattern.length];
        }
    }
}
