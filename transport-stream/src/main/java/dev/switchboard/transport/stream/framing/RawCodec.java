package dev.switchboard.transport.stream.framing;

import dev.switchboard.api.FrameCodec;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * {@code raw} framing, the socket exercise's: what one read delivers is one request, at most
 * {@code maxBytes} long, except that a UTF-8 character is never split between two requests. Up to
 * three trailing bytes that start an incomplete UTF-8 sequence are left for the next read to
 * complete; if none does within {@link #HOLD_TIMEOUT}, or at end of stream, they are a request of
 * their own. Bytes that are not UTF-8 pass through as they are.
 */
final class RawCodec implements FrameCodec {

    /**
     * How long the start of a character waits for the rest: far longer than a client's bytes of one
     * write take to arrive together, short enough that a client sending binary is not kept waiting.
     */
    static final Duration HOLD_TIMEOUT = Duration.ofMillis(250);

    private final int maxBytes;

    /** @param maxBytes the largest request */
    RawCodec(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public int decode(ByteBuffer in, int searchFrom) {
        int start = in.position();
        int cut = (int) Math.min(in.limit(), start + (long) maxBytes);
        int end = cut - incompleteTail(in, start, cut);
        if (end == start) {
            if (cut - start < maxBytes) {
                return NEED_MORE;
            }
            end = cut; // a character longer than the largest request cannot be kept whole
        }
        in.limit(end);
        return end;
    }

    @Override
    public int decodeLast(ByteBuffer in) {
        return in.hasRemaining() ? in.limit() : NEED_MORE;
    }

    /** @return {@link #HOLD_TIMEOUT}: held bytes are answered as they are if the rest does not come */
    @Override
    public Duration holdTimeout() {
        return HOLD_TIMEOUT;
    }

    @Override
    public int maxFrameBytes() {
        return maxBytes;
    }

    /** @return {@code true}: what one read delivers is one request */
    @Override
    public boolean isReadDelimited() {
        return true;
    }

    /** @return how many of the bytes before {@code end} start a UTF-8 sequence that ends after it: 0 to 3 */
    static int incompleteTail(ByteBuffer in, int start, int end) {
        for (int back = 1; back <= 3 && end - back >= start; back++) {
            int b = in.get(end - back) & 0xFF;
            if (b < 0x80) {
                return 0;
            }
            if (b >= 0xC0) {
                int length = b >= 0xF8 ? 0 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return back < length ? back : 0;
            }
        }
        return 0;
    }
}
