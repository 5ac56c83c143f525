package dev.switchboard.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Checks one framing's decoder on a byte stream, fed whole and fed in reads cut where the input
 * says, the way a connection feeds it: each read behind the bytes held from the last, decoded until
 * the decoder needs more, then at end of stream {@code decodeLast} on what is held. A refusal ends
 * the stream, as it closes the connection.
 *
 * <p>What must hold for every framing: decoding throws nothing; a frame's payload is at most the
 * maximum message size and the whole frame at most {@code maxFrameBytes()}; what is held between
 * reads is at most {@code maxFrameBytes()}; a buffer the decoder returns unfinished is unchanged;
 * framing each payload as a reply ({@code frame}) followed by the request's trailer gives back the
 * frame's bytes; and the stream yields the same bytes however it is cut, in the same frames when
 * the framing's frames do not depend on the reads.
 *
 * <p>Input layout: byte 0 is the maximum message size less one (1 to 256); the low four bits of
 * byte 1 are how many reads to cut off the front of the stream, each as long as one of the next
 * bytes says (0 to 255); the rest is the stream, and what the cuts leave is the last read.
 */
final class FramingHarness {

    private final IntFunction<FrameDecoder> decoders;
    private final boolean framesIndependentOfReads;

    /**
     * @param decoders a decoder for a maximum message size
     * @param framesIndependentOfReads whether the frames depend on the bytes alone, not on how
     *     they arrive: true of every framing but {@code raw}, which answers what each read delivers
     */
    FramingHarness(IntFunction<FrameDecoder> decoders, boolean framesIndependentOfReads) {
        this.decoders = decoders;
        this.framesIndependentOfReads = framesIndependentOfReads;
    }

    /** @param input laid out as the class comment says; shorter than two bytes, nothing to check */
    void check(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int maxBytes = 1 + (input[0] & 0xFF);
        int cuts = input[1] & 0x0F;
        int streamStart = Math.min(input.length, 2 + cuts);
        byte[] stream = Arrays.copyOfRange(input, streamStart, input.length);
        List<Integer> reads = new ArrayList<>();
        int rest = stream.length;
        for (int i = 2; i < streamStart; i++) {
            int read = Math.min(rest, input[i] & 0xFF);
            reads.add(read);
            rest -= read;
        }
        reads.add(rest);

        Outcome whole = feed(decoders.apply(maxBytes), maxBytes, stream, List.of(stream.length));
        Outcome cut = feed(decoders.apply(maxBytes), maxBytes, stream, reads);
        assertArrayEquals(whole.bytes(), cut.bytes(), "the bytes framed depend on the reads " + reads);
        assertEquals(whole.refusal(), cut.refusal(), "the refusal depends on the reads " + reads);
        if (framesIndependentOfReads) {
            assertEquals(whole.frames().size(), cut.frames().size(), "frames depend on the reads " + reads);
            for (int i = 0; i < whole.frames().size(); i++) {
                assertArrayEquals(whole.frames().get(i), cut.frames().get(i), "frame " + i + " with reads " + reads);
            }
        }
    }

    /**
     * @param frames each frame's bytes as they arrived: header, payload, trailer
     * @param refusal the refusal that ended the stream, or 0
     */
    private record Outcome(List<byte[]> frames, int refusal) {
        byte[] bytes() {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            frames.forEach(all::writeBytes);
            return all.toByteArray();
        }
    }

    private static Outcome feed(FrameDecoder decoder, int maxBytes, byte[] stream, List<Integer> reads) {
        List<byte[]> frames = new ArrayList<>();
        byte[] held = new byte[0];
        int at = 0;
        for (int read : reads) {
            ByteBuffer in = ByteBuffer.allocateDirect(held.length + read);
            in.put(held).put(stream, at, read).flip();
            at += read;
            int searchFrom = held.length;
            while (in.hasRemaining()) {
                int position = in.position();
                int limit = in.limit();
                int end = decoder.decode(in, searchFrom);
                if (end < 0) {
                    unchanged(in, position, limit, end);
                    if (end != FrameDecoder.NEED_MORE) {
                        return refused(frames, end);
                    }
                    break;
                }
                frames.add(frame(decoder, maxBytes, in, position, limit, end));
                in.limit(limit).position(end);
                searchFrom = end;
            }
            held = new byte[in.remaining()];
            in.get(held);
            assertTrue(held.length <= decoder.maxFrameBytes(),
                    held.length + " bytes held, more than a frame of " + decoder.maxFrameBytes());
        }
        ByteBuffer in = ByteBuffer.allocateDirect(held.length).put(held).flip();
        int end = decoder.decodeLast(in);
        if (end >= 0) {
            frames.add(frame(decoder, maxBytes, in, 0, held.length, end));
        } else {
            unchanged(in, 0, held.length, end);
            if (end != FrameDecoder.NEED_MORE) {
                return refused(frames, end);
            }
        }
        return new Outcome(frames, 0);
    }

    private static Outcome refused(List<byte[]> frames, int refusal) {
        assertTrue(refusal == FrameDecoder.TOO_LARGE || refusal == FrameDecoder.MALFORMED, "unknown result " + refusal);
        return new Outcome(frames, refusal);
    }

    private static void unchanged(ByteBuffer in, int position, int limit, int result) {
        assertEquals(position, in.position(), "result " + result + " moved the position");
        assertEquals(limit, in.limit(), "result " + result + " moved the limit");
    }

    /** Checks the frame the decoder found from {@code start} to {@code end} and returns its bytes. */
    private static byte[] frame(FrameDecoder decoder, int maxBytes, ByteBuffer in, int start, int limit, int end) {
        assertTrue(start <= in.position() && in.position() <= in.limit() && in.limit() <= end && end <= limit,
                "frame from " + start + " to " + end + " with payload " + in.position() + ".." + in.limit()
                        + " outside the " + limit + " bytes given");
        assertTrue(end > start, "an empty frame consumes nothing");
        assertTrue(in.remaining() <= maxBytes, "payload of " + in.remaining() + " bytes, maximum " + maxBytes);
        assertTrue(end - start <= decoder.maxFrameBytes(),
                "frame of " + (end - start) + " bytes, maximum " + decoder.maxFrameBytes());
        byte[] frame = new byte[end - start];
        in.duplicate().limit(end).get(start, frame);
        byte[] payload = new byte[in.remaining()];
        in.get(in.position(), payload);
        byte[] trailer = Arrays.copyOfRange(frame, frame.length - (end - in.limit()), frame.length);
        assertArrayEquals(frame, encoded(decoder, maxBytes, payload, trailer), "decoded then encoded");
        return frame;
    }

    /** The reply a connection would send for {@code payload}: framed by the decoder, then the trailer. */
    private static byte[] encoded(FrameDecoder decoder, int maxBytes, byte[] payload, byte[] trailer) {
        Reply reply = Reply.allocate(maxBytes);
        reply.clear(decoder.replyHeadroom());
        reply.write(payload);
        ByteBuffer framed = decoder.frame(reply);
        byte[] encoded = new byte[framed.remaining() + trailer.length];
        framed.get(encoded, 0, framed.remaining());
        System.arraycopy(trailer, 0, encoded, encoded.length - trailer.length, trailer.length);
        return encoded;
    }
}
