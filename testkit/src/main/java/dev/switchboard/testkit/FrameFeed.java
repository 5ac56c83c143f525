package dev.switchboard.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.testkit.FrameCodecContract.Decoded;
import dev.switchboard.testkit.FrameCodecContract.Frame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds reads to a {@link FrameCodec} as a stream transport does: what a read leaves undecoded is
 * kept, moved to the front of the buffer, for the next; {@code searchFrom} points at the first byte
 * the codec has not seen; decoding stops at the first refusal, and at the end of the stream
 * {@code decodeLast} gets what is left. Every call is checked against the mechanics the codec's
 * javadoc promises: a documented result, the buffer narrowed to a payload inside the bytes given or
 * left as it was, and never written to. A codec that throws fails the check too.
 */
final class FrameFeed {

    private final FrameCodec codec;
    private final ByteBuffer held;
    private final String input;
    private final List<Frame> frames = new ArrayList<>();
    private int searchFrom;
    private int refusal;
    private int mostHeldWhenNeedingMore;
    private int largestFrame;

    /**
     * @param capacity at least the whole input's length
     * @param direct a direct little-endian buffer, rather than a heap big-endian one
     * @param input the whole input, for failure messages
     */
    private FrameFeed(FrameCodec codec, int capacity, boolean direct, byte[] input) {
        this.codec = codec;
        this.held = (direct ? ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN)
                : ByteBuffer.allocate(capacity)).limit(0);
        this.input = FrameCodecContract.show(input);
    }

    /**
     * @param splits where reads end, ascending indexes into {@code input}
     * @return the frames of {@code input} cut into those reads, then ended
     */
    static Decoded decode(FrameCodec codec, boolean direct, byte[] input, int... splits) {
        FrameFeed feed = new FrameFeed(codec, input.length + 1, direct, input);
        int from = 0;
        for (int split : splits) {
            feed.read(Arrays.copyOfRange(input, from, split), Arrays.toString(splits));
            from = split;
        }
        feed.read(Arrays.copyOfRange(input, from, input.length), Arrays.toString(splits));
        return feed.end(Arrays.toString(splits));
    }

    /** @return the frames of {@code input} delivered one byte per read, then ended */
    static Decoded decodeByteByByte(FrameCodec codec, boolean direct, byte[] input) {
        FrameFeed feed = new FrameFeed(codec, input.length + 1, direct, input);
        for (byte b : input) {
            feed.read(new byte[] {b}, "one byte per read");
        }
        return feed.end("one byte per read");
    }

    private void read(byte[] bytes, String reads) {
        if (refusal != 0) {
            return;
        }
        held.position(held.limit()).limit(held.capacity());
        held.put(bytes).flip();
        while (held.hasRemaining()) {
            int limit = held.limit();
            int end = call(false, reads);
            if (end == FrameCodec.NEED_MORE) {
                mostHeldWhenNeedingMore = Math.max(mostHeldWhenNeedingMore, held.remaining());
                break;
            }
            if (end < 0) {
                refusal = end;
                return;
            }
            take(end);
            held.limit(limit).position(end);
            searchFrom = end;
        }
        searchFrom = held.remaining();
        held.compact().flip();
    }

    private Decoded end(String reads) {
        if (refusal == 0 && held.hasRemaining()) {
            int end = call(true, reads);
            if (end >= 0) {
                take(end);
            } else if (end != FrameCodec.NEED_MORE) {
                refusal = end;
            }
        }
        return new Decoded(List.copyOf(frames), refusal, mostHeldWhenNeedingMore, largestFrame);
    }

    /** Calls {@code decode} (or {@code decodeLast}) and checks what it did to the buffer. */
    private int call(boolean last, String reads) {
        int position = held.position();
        int limit = held.limit();
        ByteBuffer before = ByteBuffer.allocate(limit).put(held.duplicate().clear().limit(limit)).flip();
        int end;
        try {
            end = last ? codec.decodeLast(held) : codec.decode(held, searchFrom);
        } catch (RuntimeException e) {
            throw new AssertionError(describe(last, before, position, reads) + " threw " + e, e);
        }
        if (!held.duplicate().clear().limit(limit).equals(before)) {
            throw new AssertionError(describe(last, before, position, reads) + " wrote to the buffer");
        }
        if (end >= 0) {
            if (held.position() < position || held.limit() < held.position() || end < held.limit() || end > limit) {
                throw new AssertionError(describe(last, before, position, reads) + " returned " + end
                        + " with the buffer at position " + held.position() + ", limit " + held.limit()
                        + ": the payload and the frame's end must lie in [" + position + ", " + limit + "]");
            }
            if (end == position) {
                throw new AssertionError(describe(last, before, position, reads)
                        + " returned an empty frame, which would be decoded forever");
            }
            largestFrame = Math.max(largestFrame, end - position);
            return end;
        }
        if (end != FrameCodec.NEED_MORE && end != FrameCodec.TOO_LARGE && end != FrameCodec.MALFORMED) {
            throw new AssertionError(describe(last, before, position, reads) + " returned " + end
                    + ", not a documented result");
        }
        if (held.position() != position || held.limit() != limit) {
            throw new AssertionError(describe(last, before, position, reads) + " returned " + end
                    + " but moved the buffer to position " + held.position() + ", limit " + held.limit() + " from "
                    + position + ", " + limit);
        }
        return end;
    }

    /** @return such as {@code decode of "5:ab" (input "5:abcde,", reads ending at [4])} */
    private String describe(boolean last, ByteBuffer before, int position, String reads) {
        byte[] given = new byte[before.limit() - position];
        before.get(position, given);
        return (last ? "decodeLast" : "decode") + " of " + FrameCodecContract.show(given) + " (input " + input
                + ", reads ending at " + reads + ")";
    }

    private void take(int end) {
        frames.add(new Frame(ISO_8859_1.decode(held.duplicate()).toString(),
                ISO_8859_1.decode(held.duplicate().limit(end).position(held.limit())).toString()));
    }
}
