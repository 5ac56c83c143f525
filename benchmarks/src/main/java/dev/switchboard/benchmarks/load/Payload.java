package dev.switchboard.benchmarks.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of requests of one size and of the replies they must get.
 *
 * <p>A request is lowercase ASCII: a header naming its lane and its sequence number in letters
 * ({@code "aaab-aaaaaaafz "}), so that upper-casing changes them and a reply to any other request
 * cannot pass, then filler text with spaces, digits and punctuation, which must come back
 * unchanged. With line framing the last byte is a newline. The expected reply is the request with
 * a–z raised, byte for byte.
 */
final class Payload {

    static final int LANE_LETTERS = 4;
    static final int SEQUENCE_LETTERS = 10;
    static final int HEADER_BYTES = LANE_LETTERS + 1 + SEQUENCE_LETTERS + 1;
    /** The smallest request: the header and one more byte. */
    static final int MIN_SIZE = HEADER_BYTES + 1;
    /** One more than the largest lane number a header can hold. */
    static final int MAX_LANES = 26 * 26 * 26 * 26;

    private static final byte[] FILLER =
            "the quick brown fox jumps over the lazy dog; 0123456789, ok? ".getBytes(StandardCharsets.US_ASCII);

    private final int size;
    private final byte[] requestTemplate;
    private final byte[] replyTemplate;

    /**
     * @param size the bytes of one request, terminator included
     * @param lineTerminated whether each request ends with a newline
     */
    Payload(int size, boolean lineTerminated) {
        if (size < MIN_SIZE) {
            throw new IllegalArgumentException("requests need at least " + MIN_SIZE + " bytes, got " + size);
        }
        this.size = size;
        requestTemplate = new byte[size];
        for (int i = 0; i < size; i++) {
            requestTemplate[i] = FILLER[i % FILLER.length];
        }
        requestTemplate[LANE_LETTERS] = '-';
        requestTemplate[HEADER_BYTES - 1] = ' ';
        if (lineTerminated) {
            requestTemplate[size - 1] = '\n';
        }
        replyTemplate = upperCase(requestTemplate);
    }

    /** @return the bytes of one request and of its reply */
    int size() {
        return size;
    }

    /** @return a new exchange whose bytes are those of this payload, not yet stamped */
    Exchange newExchange() {
        return new Exchange(requestTemplate.clone(), replyTemplate.clone());
    }

    /**
     * Writes lane and sequence into the exchange's request (lowercase) and expected reply (upper case).
     */
    void stamp(Exchange exchange, int lane, long sequence) {
        exchange.sequence = sequence;
        writeLetters(exchange.request, exchange.reply, 0, LANE_LETTERS, lane);
        writeLetters(exchange.request, exchange.reply, LANE_LETTERS + 1, SEQUENCE_LETTERS, sequence);
    }

    /**
     * Reads the lane a reply names in either case, so that a reply in the wrong case is still
     * matched with its request and then reported byte for byte.
     *
     * @return the lane named by a reply's header at {@code in}'s position, or -1 if it names none
     */
    static int laneOf(ByteBuffer in) {
        return (int) readLetters(in, in.position(), LANE_LETTERS);
    }

    /** @return the sequence number named by a reply's header at {@code in}'s position, in either case, or -1 */
    static long sequenceOf(ByteBuffer in) {
        return readLetters(in, in.position() + LANE_LETTERS + 1, SEQUENCE_LETTERS);
    }

    /** @return a copy of {@code bytes} with ASCII a–z raised and every other byte unchanged */
    static byte[] upperCase(byte[] bytes) {
        byte[] upper = bytes.clone();
        for (int i = 0; i < upper.length; i++) {
            byte b = upper[i];
            if (b >= 'a' && b <= 'z') {
                upper[i] = (byte) (b - ('a' - 'A'));
            }
        }
        return upper;
    }

    private static void writeLetters(byte[] lower, byte[] upper, int offset, int letters, long value) {
        for (int i = offset + letters - 1; i >= offset; i--) {
            int digit = (int) (value % 26);
            lower[i] = (byte) ('a' + digit);
            upper[i] = (byte) ('A' + digit);
            value /= 26;
        }
    }

    private static long readLetters(ByteBuffer in, int offset, int letters) {
        if (in.limit() < offset + letters) {
            return -1;
        }
        long value = 0;
        for (int i = offset; i < offset + letters; i++) {
            int digit = (in.get(i) | 0x20) - 'a';
            if (digit < 0 || digit >= 26) {
                return -1;
            }
            value = value * 26 + digit;
        }
        return value;
    }
}
