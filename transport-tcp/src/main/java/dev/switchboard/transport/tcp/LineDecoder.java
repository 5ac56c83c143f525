package dev.switchboard.transport.tcp;

import java.nio.ByteBuffer;

/**
 * {@code line} framing: each request is a line ended by LF or CRLF, of at most {@code maxBytes}
 * without its terminator. The payload excludes the terminator and the reply ends with the same one
 * (the frame's trailer). At end of stream an unterminated last line is a request whose reply gets
 * no terminator. A line is refused as soon as the bytes seen so far make it too long.
 */
final class LineDecoder implements FrameDecoder {

    /** A line's terminator: the last byte (LF) or both (CRLF); a reply repeats its request's. */
    static final byte[] CRLF = {'\r', '\n'};

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final int maxBytes;

    /** @param maxBytes the longest line, terminator excluded */
    LineDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int decode(ByteBuffer in, int searchFrom) {
        int start = in.position();
        int limit = in.limit();
        // No need to look further than the terminator of the longest acceptable line.
        int searchEnd = (int) Math.min(limit, start + (long) maxBytes + 2);
        for (int i = Math.max(searchFrom, start); i < searchEnd; i++) {
            if (in.get(i) == LF) {
                int end = i > start && in.get(i - 1) == CR ? i - 1 : i;
                if (end - start > maxBytes) {
                    return TOO_LARGE;
                }
                in.limit(end);
                return i + 1;
            }
        }
        int length = limit - start;
        if (length > 0 && in.get(limit - 1) == CR) {
            length--; // may be the first half of a CRLF
        }
        return length > maxBytes ? TOO_LARGE : NEED_MORE;
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
}
