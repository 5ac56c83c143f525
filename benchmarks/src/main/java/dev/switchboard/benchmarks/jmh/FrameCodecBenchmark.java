package dev.switchboard.benchmarks.jmh;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.Framings;
import dev.switchboard.testkit.TestSettings;
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
 * The built-in framings' codecs, found by name through the framing SPI as a transport finds them,
 * cutting a read buffer of many small frames the way a stream loop calls them; results are per
 * frame. A read-delimited codec (raw: each read is one request) gets the buffer cut into reads of
 * one frame's size.
 *
 * <pre>{@code
 * java -jar target/switchboard-benchmarks.jar jmh -prof gc FrameCodecBenchmark
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameCodecBenchmark {

    private static final int FRAMES = 1024;
    private static final int MAX_MESSAGE_BYTES = 64 * 1024;

    /** The framing, by its configuration name. */
    @Param({"raw", "line", "length-prefixed"})
    public String framing;

    /** Each frame's payload size in bytes. */
    @Param({"64"})
    public int payload;

    private FrameCodec codec;
    private ByteBuffer buffer;
    private int frameBytes;

    @Setup
    public void setUp() {
        codec = Framings.installed().find(framing).orElseThrow()
                .create(new FrameCodecContext("benchmark", framing, MAX_MESSAGE_BYTES, TestSettings.forTransport("tcp", "")));
        boolean prefixed = framing.equals("length-prefixed");
        boolean line = framing.equals("line");
        frameBytes = payload + (prefixed ? Integer.BYTES : line ? 1 : 0);
        buffer = ByteBuffer.allocateDirect(FRAMES * frameBytes); // the event loop reads into a direct buffer
        byte[] text = "the quick brown fox jumps over the lazy dog ".repeat(payload / 40 + 1)
                .substring(0, payload).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < FRAMES; i++) {
            if (prefixed) {
                buffer.putInt(payload);
            }
            buffer.put(text);
            if (line) {
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
        if (codec.isReadDelimited()) {
            for (int start = 0; start < buffer.capacity(); start += frameBytes) {
                buffer.limit(start + frameBytes).position(start);
                codec.decode(buffer, start);
                found += buffer.remaining();
            }
            return found;
        }
        buffer.limit(buffer.capacity()).position(0);
        int searchFrom = 0;
        while (buffer.hasRemaining()) {
            int limit = buffer.limit();
            int end = codec.decode(buffer, searchFrom);
            if (end < 0) {
                throw new IllegalStateException("the codec returned " + end);
            }
            found += buffer.remaining();
            buffer.limit(limit).position(end);
            searchFrom = end;
        }
        return found;
    }
}
