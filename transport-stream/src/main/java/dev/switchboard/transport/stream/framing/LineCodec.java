package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code line} framing: each request is a line ended by LF or CRLF, of at most {@code maxBytes}
 * without its terminator. The payload excludes the terminator (the frame's trailer) and the reply
 * ends with the same one. At end of stream an unterminated last line is a request whose reply gets
 * no terminator. A line is refused as soon as the bytes seen so far make it too long.
 */
final class LineCodec implements FrameCodec {

    /** A line's terminator: the last byte (LF) or both (CRLF); a reply repeats its request's. */
    private static final byte[] CRLF = {'\r', '\n'};

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private final int maxBytes;

    /** @param maxBytes the longest line, terminator excluded */
    LineCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int decode(ByteBuffer in, int searchFrom) {
        int start = in.position();
        int limit = in.limit();
        // No need to look further than the terminator of the longest acceptable line.
        int searchEnd = (int) Math.min(limit, start + (long) maxBytes + 2);
        int i = indexOfLf(in, Math.max(searchFrom, start), searchEnd);
        if (i >= 0) {
            int end = i > start && in.get(i - 1) == CR ? i - 1 : i;
            if (end - start > maxBytes) {
                return TOO_LARGE;
            }
            in.limit(end);
            return i + 1;
        }
        int length = limit - start;
        if (length > 0 && in.get(limit - 1) == CR) {
            length--; // may be the first half of a CRLF
        }
        return length > maxBytes ? TOO_LARGE : NEED_MORE;
    }

    /**
     * Looks eight bytes at a time: a byte of {@code word ^ LFS} is zero where {@code word} holds an
     * LF, and the mask below has the top bit of exactly those bytes set (no carry crosses bytes).
     *
     * @return the index of the first LF from {@code from} to {@code to}, exclusive, or -1
     */
    private static int indexOfLf(ByteBuffer in, int from, int to) {
        boolean bigEndian = in.order() == ByteOrder.BIG_ENDIAN;
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long x = in.getLong(i) ^ LFS;
            long lfs = ~((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS | x | LOW_SEVEN_BITS);
            if (lfs != 0) {
                return i + (bigEndian ? Long.numberOfLeadingZeros(lfs) : Long.numberOfTrailingZeros(lfs)) / Byte.SIZE;
            }
        }
        for (; i < to; i++) {
            if (in.get(i) == LF) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int decodeLast(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return NEED_MORE;
        }
        return in.remaining() > maxBytes ? TOO_LARGE : in.limit();
    }

    @Override
    public int maxFrameBytes() {
        return maxBytes + 2;
    }

    /** Leaves room for the reply's terminator. */
    @Override
    public void prepare(Reply reply) {
        reply.clear(0, CRLF.length);
    }

    /** Ends the reply with its request's terminator: LF, CRLF, or none for an unterminated last line. */
    @Override
    public ByteBuffer encode(Reply reply, int requestTrailerBytes) {
        return reply.appendTrailer(CRLF, CRLF.length - requestTrailerBytes, requestTrailerBytes).frame();
    }
}
