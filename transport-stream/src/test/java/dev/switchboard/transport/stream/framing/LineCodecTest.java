package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import static dev.switchboard.transport.stream.framing.DecoderStream.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.transport.stream.framing.DecoderStream.Frame;
import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineCodecTest {

    private final LineCodec decoder = new LineCodec(16);

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
        assertEquals(FrameCodec.TOO_LARGE, stream.refusal());
    }

    @Test
    void refusesAnOverlongLineBeforeItsTerminatorArrives() {
        DecoderStream stream = new DecoderStream(decoder);
        stream.read(bytes("x".repeat(16) + "\r"));
        assertEquals(0, stream.refusal(), "16 bytes and a CR may still be a 16-byte line");
        stream.read(bytes("x"));
        assertEquals(FrameCodec.TOO_LARGE, stream.refusal());
    }

    @Test
    void answersAnUnterminatedLastLineWithoutATrailer() {
        assertEquals(List.of(new Frame("one", "\n"), Frame.of("two")),
                DecoderStream.decode(decoder, bytes("one\ntwo"), 5));
    }

    @Test
    void findsTheTerminatorAtEveryOffsetOfAWordAmongBytesOneBitFromLf() {
        LineCodec decoder = new LineCodec(64);
        char[] nearLf = {0x0B, 0x08, 0x8A, 0x0E, 0x02, 0x4A, 0xFF, 0x00, 0x2A, 0x1A};
        // 0x0B is 0x01 away from LF: a borrow from the LF after it must not make it look like one
        StringBuilder input = new StringBuilder("\u000b\u000b\n");
        List<Frame> expected = new ArrayList<>(List.of(new Frame("\u000b\u000b", "\n")));
        for (int length = 0; length <= 20; length++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < length; i++) {
                line.append(nearLf[(length + i) % nearLf.length]);
            }
            String trailer = length % 2 == 0 ? "\n" : "\r\n";
            input.append(line).append(trailer);
            expected.add(new Frame(line.toString(), trailer));
        }
        assertEquals(expected, DecoderStream.decode(decoder, bytes(input.toString())));
    }

    @Test
    void findsTheTerminatorInALittleEndianBuffer() {
        ByteBuffer in = ByteBuffer.wrap(bytes("0123456789abcdef\nrest")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(17, new LineCodec(64).decode(in, 0));
        assertEquals(16, in.limit());
    }

    @Test
    void endsEachReplyWithItsRequestsTerminator() {
        Reply reply = Reply.allocate(16);
        for (String terminator : List.of("\n", "\r\n", "")) {
            decoder.prepare(reply);
            reply.write("REPLY");
            ByteBuffer frame = decoder.encode(reply, terminator.length());
            assertEquals("REPLY" + terminator, ISO_8859_1.decode(frame).toString());
        }
    }
}
