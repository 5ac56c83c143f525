package dev.switchboard.transport.tcp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Each tcp framing's decoder on any byte stream, cut into reads anywhere; see {@link FramingHarness}. */
class FrameDecoderFuzzTest {

    private static final FramingHarness RAW = new FramingHarness(RawDecoder::new, false);
    private static final FramingHarness LINE = new FramingHarness(LineDecoder::new, true);
    private static final FramingHarness LENGTH_PREFIXED = new FramingHarness(LengthPrefixedDecoder::new, true);

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
