package dev.switchboard.examples.netstring;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.Reply;
import java.nio.ByteBuffer;

/**
 * Netstrings (D. J. Bernstein): {@code <length>:<payload>,}, the length in ASCII decimal without
 * leading zeros ({@code 0} alone is the empty payload), so {@code hello} is {@code 5:hello,}.
 *
 * <p>Decoding refuses as {@link #MALFORMED} a header that is not one to ten digits then a colon, a
 * leading zero, and a frame not ended by a comma; as {@link #TOO_LARGE} a length over the maximum,
 * as soon as its digits say so, before its payload arrives. The length is parsed again on each call
 * rather than remembered: the header is at most eleven bytes. A partial frame at end of stream is
 * dropped.
 *
 * <p>Encoding writes a header whose length depends on the reply's: {@link #prepare} reserves room
 * for the digits of the largest reply the {@link Reply} can hold, and {@link #encode} writes the
 * digits and the colon at the end of that room and returns the frame from the header's first byte
 * ({@link Reply#frame(int)}). Nothing is allocated per frame either way.
 */
final class NetstringCodec implements FrameCodec {

    /** The largest payload: its frame, header and comma included, must fit in an {@code int}. */
    static final int MAX_PAYLOAD = Integer.MAX_VALUE - 12;

    private static final byte COLON = ':';
    private static final byte COMMA = ',';
    private static final byte[] TRAILER = {COMMA};

    private final int maxBytes;

    /** @param maxBytes the largest payload, at most {@link #MAX_PAYLOAD} */
    NetstringCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int decode(ByteBuffer in, int searchFrom) {
        int start = in.position();
        int limit = in.limit();
        long length = 0;
        int i = start;
        for (; i < limit; i++) {
            int b = in.get(i);
            if (b == COLON) {
                break;
            }
            if (b < '0' || b > '9' || i > start && in.get(start) == '0') {
                return MALFORMED;
            }
            length = 10 * length + (b - '0');
            if (length > maxBytes) { // eleven digits exceed any maximum, so a header has ten at most
                return TOO_LARGE;
            }
        }
        if (i == limit) {
            return NEED_MORE;
        }
        if (i == start) {
            return MALFORMED;
        }
        int payload = i + 1;
        long end = payload + length + 1;
        if (end > limit) {
            return NEED_MORE;
        }
        if (in.get((int) end - 1) != COMMA) {
            return MALFORMED;
        }
        in.position(payload).limit((int) end - 1);
        return (int) end;
    }

    @Override
    public int decodeLast(ByteBuffer in) {
        return NEED_MORE;
    }

    @Override
    public int maxFrameBytes() {
        return digits(maxBytes) + 1 + maxBytes + 1;
    }

    /** Reserves the digits of the largest reply and the colon in front, the comma behind. */
    @Override
    public void prepare(Reply reply) {
        reply.clear(digits(reply.maxBytes()) + 1, TRAILER.length);
    }

    /** Writes the reply's length and a colon at the end of the room in front of it, and a comma after it. */
    @Override
    public ByteBuffer encode(Reply reply, int requestTrailerBytes) {
        int size = reply.size();
        int digits = digits(size);
        reply.appendTrailer(TRAILER, 0, TRAILER.length);
        ByteBuffer frame = reply.frame(digits + 1);
        int header = frame.position();
        for (int i = header + digits - 1, rest = size; i >= header; i--, rest /= 10) {
            frame.put(i, (byte) ('0' + rest % 10));
        }
        frame.put(header + digits, COLON);
        return frame;
    }

    /** @return how many decimal digits {@code n} has: 1 for 0 */
    static int digits(int n) {
        int digits = 1;
        for (int rest = n / 10; rest > 0; rest /= 10) {
            digits++;
        }
        return digits;
    }
}
