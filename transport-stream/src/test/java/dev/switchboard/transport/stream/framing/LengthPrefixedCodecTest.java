package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.Reply;
import dev.switchboard.transport.stream.framing.DecoderStream.Frame;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LengthPrefixedCodecTest {

    private final LengthPrefixedCodec decoder = new LengthPrefixedCodec(16);

    @Test
    void everySplitOfOneFrameAcrossTwoReadsGivesTheSameFrame() {
        byte[] input = frames("hello");
        for (int split = 0; split <= input.length; split++) {
            assertEquals(List.of(Frame.of("hello")), DecoderStream.decode(decoder, input, split), "split at " + split);
        }
    }

    @Test
    void everySplitOfTwoPipelinedFramesAcrossTwoReadsGivesTheSameFrames() {
        byte[] input = frames("first", "second");
        List<Frame> expected = List.of(Frame.of("first"), Frame.of("second"));
        for (int split = 0; split <= input.length; split++) {
            assertEquals(expected, DecoderStream.decode(decoder, input, split), "split at " + split);
        }
        assertEquals(expected, DecoderStream.decodeByteByByte(decoder, input));
    }

    @Test
    void readsTheBigEndianLengthFromALittleEndianBuffer() {
        ByteBuffer in = ByteBuffer.wrap(frames("hello")).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(9, decoder.decode(in, 0));
        assertEquals(4, in.position());
        assertEquals(9, in.limit());
    }

    @Test
    void decodesAnEmptyFrame() {
        assertEquals(List.of(Frame.of(""), Frame.of("x")), DecoderStream.decode(decoder, frames("", "x")));
    }

    @Test
    void acceptsAFrameOfExactlyTheMaximum() {
        String max = "x".repeat(16);
        assertEquals(List.of(Frame.of(max)), DecoderStream.decodeByteByByte(decoder, frames(max)));
    }

    @Test
    void refusesALengthOneOverTheMaximumAsSoonAsTheHeaderIsComplete() {
        DecoderStream stream = new DecoderStream(decoder).read(header(17));
        assertEquals(FrameCodec.TOO_LARGE, stream.refusal());
    }

    @Test
    void refusesALengthWithItsTopBitSetAsMalformed() {
        DecoderStream stream = new DecoderStream(decoder).read(header(0x8000_0000));
        assertEquals(FrameCodec.MALFORMED, stream.refusal());
    }

    @Test
    void dropsAPartialFrameAtEndOfStream() {
        byte[] input = frames("whole", "partial");
        assertEquals(List.of(Frame.of("whole")), DecoderStream.decode(decoder, Arrays.copyOf(input, input.length - 1)));
    }

    @Test
    void framesAReplyWithItsLengthInTheHeadroom() {
        Reply reply = Reply.allocate(48);
        decoder.prepare(reply);
        reply.write("REPLY");
        ByteBuffer frame = decoder.encode(reply, 0);
        assertEquals(5, frame.getInt(0));
        assertEquals(9, frame.remaining());
    }

    private static byte[] frames(String... payloads) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String payload : payloads) {
            byte[] bytes = payload.getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(header(bytes.length));
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    private static byte[] header(int length) {
        return ByteBuffer.allocate(4).putInt(length).array();
    }
}
