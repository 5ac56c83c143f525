package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds reads to a {@link FrameCodec} the way an event loop does: the bytes a read leaves
 * undecoded are kept for the next, and only the new bytes are searched again.
 */
final class DecoderStream {

    /** A decoded frame: its payload and its trailer, as Latin-1 text so that every byte shows as itself. */
    record Frame(String payload, String trailer) {
        static Frame of(String payload) {
            return new Frame(payload, "");
        }
    }

    private final FrameCodec decoder;
    private final ByteBuffer held = ByteBuffer.allocate(1 << 20);
    private final List<Frame> frames = new ArrayList<>();
    private int searchFrom;
    private int refusal;

    DecoderStream(FrameCodec decoder) {
        this.decoder = decoder;
    }

    /** @return the frames of {@code input} cut into reads at {@code splits} (ascending indexes), then ended */
    static List<Frame> decode(FrameCodec decoder, byte[] input, int... splits) {
        DecoderStream stream = new DecoderStream(decoder);
        int from = 0;
        for (int split : splits) {
            stream.read(Arrays.copyOfRange(input, from, split));
            from = split;
        }
        stream.read(Arrays.copyOfRange(input, from, input.length));
        return stream.end();
    }

    /** @return the frames of {@code input} delivered one byte per read, then ended */
    static List<Frame> decodeByteByByte(FrameCodec decoder, byte[] input) {
        DecoderStream stream = new DecoderStream(decoder);
        for (byte b : input) {
            stream.read(new byte[] {b});
        }
        return stream.end();
    }

    DecoderStream read(byte[] bytes) {
        if (refusal != 0) {
            return this;
        }
        held.put(bytes).flip();
        while (held.hasRemaining()) {
            int limit = held.limit();
            int end = decoder.decode(held, searchFrom);
            if (end == FrameCodec.NEED_MORE) {
                break;
            }
            if (end < 0) {
                refusal = end;
                held.clear();
                return this;
            }
            take(end);
            held.limit(limit).position(end);
            searchFrom = end;
        }
        searchFrom = held.remaining();
        held.compact();
        return this;
    }

    /** Ends the stream: @return every frame decoded */
    List<Frame> end() {
        held.flip();
        if (refusal == 0 && held.hasRemaining()) {
            int end = decoder.decodeLast(held);
            if (end >= 0) {
                take(end);
            } else if (end != FrameCodec.NEED_MORE) {
                refusal = end;
            }
        }
        return frames;
    }

    /** @return the frames decoded so far */
    List<Frame> frames() {
        return frames;
    }

    /** @return 0, {@link FrameCodec#TOO_LARGE} or {@link FrameCodec#MALFORMED} */
    int refusal() {
        return refusal;
    }

    private void take(int end) {
        String payload = ISO_8859_1.decode(held.duplicate()).toString();
        String trailer = ISO_8859_1.decode(held.duplicate().limit(end).position(held.limit())).toString();
        frames.add(new Frame(payload, trailer));
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(ISO_8859_1);
    }
}
