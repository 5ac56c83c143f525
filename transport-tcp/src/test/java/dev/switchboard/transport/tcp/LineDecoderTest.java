package dev.switchboard.transport.tcp;

import static dev.switchboard.transport.tcp.DecoderStream.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.transport.tcp.DecoderStream.Frame;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineDecoderTest {

    private final LineDecoder decoder = new LineDecoder(16);

    @Test
    void cutsLinesAndKeepsEachTerminatorAsTheTrailer() {
        assertEquals(List.of(new Frame("hello", "\n"), new Frame("world", "\r\n"), new Frame("", "\n")),
                DecoderStream.decode(decoder, bytes("hello\nworld\r\n\n")));
    }

    @Test
    void everySplitOfOneLineAcrossTwoReadsGivesTheSameFrame() {
        byte[] input = bytes("hello world\r\n");
        for (int split = 0; split <= input.length; split++) {
            assertEquals(List.of(new Frame("hello world", "\r\n")), DecoderStream.decode(decoder, input, split),
                    "split at " + split);
        }
    }

    @Test
    void everySplitOfTwoPipelinedLinesAcrossTwoReadsGivesTheSameFrames() {
        byte[] input = bytes("first\r\nsecond\n");
        List<Frame> expected = List.of(new Frame("first", "\r\n"), new Frame("second", "\n"));
        for (int split = 0; split <= input.length; split++) {
            assertEquals(expected, DecoderStream.decode(decoder, input, split), "split at " + split);
        }
        assertEquals(expected, DecoderStream.decodeByteByByte(decoder, input));
    }

    @Test
    void keepsABareCarriageReturnInsideALine() {
        assertEquals(List.of(new Frame("a\rb", "\n")), DecoderStream.decode(decoder, bytes("a\rb\n")));
    }

    @Test
    void acceptsALineOfExactlyTheMaximumWithEitherTerminator() {
        String max = "x".repeat(16);
        assertEquals(List.of(new Frame(max, "\n"), new Frame(max, "\r\n")),
                DecoderStream.decodeByteByByte(decoder, bytes(max + "\n" + max + "\r\n")));
    }

    @Test
    void refusesALineOneByteOverTheMaximum() {
        DecoderStream stream = new DecoderStream(decoder).read(bytes("x".repeat(17) + "\n"));
        assertEquals(FrameDecoder.TOO_LARGE, stream.refusal());
    }

    @Test
    void refusesAnOverlongLineBeforeItsTerminatorArrives() {
        DecoderStream stream = new DecoderStream(decoder);
        stream.read(bytes("x".repeat(16) + "\r"));
        assertEquals(0, stream.refusal(), "16 bytes and a CR may still be a 16-byte line");
        stream.read(bytes("x"));
        assertEquals(FrameDecoder.TOO_LARGE, stream.refusal());
    }

    @Test
    void answersAnUnterminatedLastLineWithoutATrailer() {
        assertEquals(List.of(new Frame("one", "\n"), Frame.of("two")),
                DecoderStream.decode(decoder, bytes("one\ntwo"), 5));
    }
}
