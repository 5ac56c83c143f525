package dev.switchboard.transport.tcp;

import dev.switchboard.api.FrameCodec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The tcp transport's frame decoders cutting a read buffer of many small frames, the way its event
 * loop calls them; results are per frame. With raw framing each read is one request, so there the
 * buffer is cut into reads of one frame's size.
 *
 * <p>The decoders are package-private in {@code dev.switchboard.transport.tcp}; the benchmarks run
 * on the class path, where this class shares their package.
 *
 * <pre>{@code
 * java -jar target/switchboard-benchmarks.jar jmh -prof gc FrameDecoderBenchmark
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameDecoderBenchmark {

    private static final int FRAMES = 1024;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** The framing, by its configuration name. */
    @Param({"raw", "line", "length-prefixed"})
    public String framing;

    /** Each frame's payload size in bytes. */
    @Param({"64"})
    public int payload;

    private FrameCodec decoder;
    private ByteBuffer buffer;
    private int frameBytes;

    @Setup
    public void setUp() {
        Framing kind = Framing.named(framing);
        decoder = kind.decoder(MAX_MESSAGE_BYTES);
        frameBytes = switch (kind) {
            case RAW -> payload;
            case LINE -> payload + 1;
            case LENGTH_PREFIXED -> payload + LengthPrefixedDecoder.HEADER_BYTES;
        };
        buffer = ByteBuffer.allocateDirect(FRAMES * frameBytes); // the event loop reads into a direct buffer
        byte[] text = "the quick brown fox jumps over the lazy dog ".repeat(payload / 40 + 1)
                .substring(0, payload).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < FRAMES; i++) {
            if (kind == Framing.LENGTH_PREFIXED) {
                buffer.putInt(payload);
            }
            buffer.put(text);
            if (kind == Framing.LINE) {
                buffer.put((byte) '\n');
            }
        }
        buffer.flip();
    }

    /** @return the payload bytes found, so that decoding cannot be eliminated */
    @Benchmark
    @OperationsPerInvocation(FRAMES)
    public long decode() {
        long found = 0;
        if (decoder instanceof RawDecoder) {
            for (int start = 0; start < buffer.capacity(); start += frameBytes) {
                buffer.limit(start + frameBytes).position(start);
                decoder.decode(buffer, start);
                found += buffer.remaining();
            }
            return found;
        }
        buffer.limit(buffer.capacity()).position(0);
        int searchFrom = 0;
        while (buffer.hasRemaining()) {
            int limit = buffer.limit();
            int end = decoder.decode(buffer, searchFrom);
            if (end < 0) {
                throw new IllegalStateException("decoder returned " + end);
            }
            found += buffer.remaining();
            buffer.limit(limit).position(end);
            searchFrom = end;
        }
        return found;
    }
}
