package dev.switchboard.benchmarks.load;

import java.nio.ByteBuffer;

/** Why a load run failed: a wrong reply, an unexpected close, a server that does not answer. */
public final class LoadFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private static final int CONTEXT_BYTES = 24;

    /** @param message what went wrong and where */
    public LoadFailure(String message) {
        super(message);
    }

    /** @param message what went wrong and where */
    LoadFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @param lane the lane that got the reply, such as {@code "tcp lane 3"}
     * @param exchange the request answered
     * @param index the index of the first wrong byte in the reply
     * @param received the received bytes, from the reply's byte {@code firstIndex} on
     * @param firstIndex the index in the reply of {@code received}'s position
     */
    static LoadFailure wrongReply(String lane, Exchange exchange, int index, ByteBuffer received, int firstIndex) {
        int got = received.get(received.position() + index - firstIndex) & 0xFF;
        int want = exchange.reply[index] & 0xFF;
        int from = Math.max(firstIndex, index - CONTEXT_BYTES);
        int to = Math.min(index + CONTEXT_BYTES, firstIndex + received.remaining());
        byte[] gotContext = new byte[to - from];
        received.get(received.position() + from - firstIndex, gotContext);
        return new LoadFailure(String.format(
                "wrong reply on %s to request #%d (%d bytes): byte %d is %s, expected %s%n"
                        + "  expected ...%s...%n  received ...%s...",
                lane, exchange.sequence, exchange.reply.length, index, describe(got), describe(want),
                printable(exchange.reply, from, to), printable(gotContext, 0, gotContext.length)));
    }

    private static String describe(int b) {
        return b >= 0x20 && b < 0x7F ? String.format("'%c' (0x%02x)", (char) b, b) : String.format("0x%02x", b);
    }

    private static String printable(byte[] bytes, int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return text.toString();
    }
}
