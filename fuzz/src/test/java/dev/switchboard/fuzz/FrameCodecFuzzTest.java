package dev.switchboard.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.switchboard.transport.stream.framing.LengthPrefixedCodecProvider;
import dev.switchboard.transport.stream.framing.LineCodecProvider;
import dev.switchboard.transport.stream.framing.RawCodecProvider;

/** Each built-in framing's codec on any byte stream, cut into reads anywhere; see {@link FramingHarness}. */
class FrameCodecFuzzTest {

    private static final FramingHarness RAW = new FramingHarness(new RawCodecProvider(), false);
    private static final FramingHarness LINE = new FramingHarness(new LineCodecProvider(), true);
    private static final FramingHarness LENGTH_PREFIXED = new FramingHarness(new LengthPrefixedCodecProvider(), true);

    @FuzzTest(maxDuration = "10m")
    void raw(byte[] input) {
        RAW.check(input);
    }

    @FuzzTest(maxDuration = "10m")
    void line(byte[] input) {
        LINE.check(input);
    }

    @FuzzTest(maxDuration = "10m")
    void lengthPrefixed(byte[] input) {
        LENGTH_PREFIXED.check(input);
    }
}
