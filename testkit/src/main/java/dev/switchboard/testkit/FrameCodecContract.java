package dev.switchboard.testkit;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.FrameCodec;
import dev.switchboard.api.FrameCodecContext;
import dev.switchboard.api.FrameCodecProvider;
import dev.switchboard.api.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every framing shares, as a JUnit 5 suite that a framing's tests inherit: extend
 * this class, give the provider and how a client frames a request, and every test below runs
 * against your {@link FrameCodec}, fed the way a stream transport feeds it, as the built-in
 * {@code raw}, {@code line} and {@code length-prefixed} framings run it.
 *
 * <pre>{@code
 * class NetstringContractTest extends FrameCodecContract {
 *     protected FrameCodecProvider provider() {
 *         return new NetstringProvider();
 *     }
 *
 *     protected byte[] requestFrame(byte[] payload) {
 *         byte[] header = (payload.length + ":").getBytes(StandardCharsets.US_ASCII);
 *         return ByteBuffer.allocate(header.length + payload.length + 1).put(header).put(payload).put((byte) ',').array();
 *     }
 * }
 * }</pre>
 *
 * <h2>The hooks</h2>
 * <ul>
 *   <li>{@link #provider()}: the framing's provider, which the suite asks for codecs of several
 *       maximum sizes;
 *   <li>{@link #requestFrame(byte[])}: the bytes a client sends for a payload. The suite cannot know
 *       your wire format; it frames its samples, oversize payloads and random mutations with this;
 *   <li>{@link #samplePayloads()}: payloads your framing can carry, if not the default ones (text
 *       without control characters, the empty payload, and one of exactly the maximum size);
 *   <li>{@link #isSymmetric()}, {@link #refusesOversizeFrames()} and {@link #maxMessageBytes()}, if
 *       your framing differs from one that frames replies as requests and refuses what is too large.
 * </ul>
 * A test whose behaviour your framing does not have is reported as skipped, with the reason. A
 * read-delimited codec ({@link FrameCodec#isReadDelimited()}, as {@code raw}) makes frames of reads,
 * so wherever frames would depend on where the reads end the suite compares the bytes of the
 * payloads, in order, rather than the frames.
 *
 * <h2>What it checks</h2>
 * Every call to {@code decode} and {@code decodeLast} returns a documented result, narrows the
 * buffer to a non-empty frame inside the bytes it was given (or leaves it as it was), never writes
 * to it and never throws, on heap and direct buffers of either byte order. Beyond that: the samples'
 * frames decode to their payloads wherever the stream is split, down to one byte per read; a fixed-seed
 * battery of random and mutated input never makes the codec throw, return a payload over the
 * maximum, or ask for more bytes once it holds {@link FrameCodec#maxFrameBytes()}; an oversize
 * payload is refused as {@link FrameCodec#TOO_LARGE} within that many bytes; a request's payload
 * encoded as a reply gives back the request's frame; every reply size, up to the reply's maximum, is
 * framed within the room {@code prepare} reserved (and, for a symmetric framing, decodes back to its
 * content); one codec gives the same results to several threads at once; and a codec that declares a
 * {@link FrameCodec#holdTimeout() hold timeout} makes a last frame of whatever it held.
 *
 * <h2>Bounds</h2>
 * Every test runs in a thread of its own and fails after {@value #TEST_SECONDS} seconds.
 */
@Timeout(value = FrameCodecContract.TEST_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class FrameCodecContract {

    /** How long one test of the contract may take. */
    public static final int TEST_SECONDS = 60;

    /** The random battery's seed: the same inputs on every run, so that a failure reproduces. */
    private static final long SEED = 0x5B0A4D;
    private static final int BATTERY = 600;
    private static final int THREADS = 4;
    private static final int ROUNDS_PER_THREAD = 100;
    private static final int[] MAX_REPLY_SIZES = {0, 1, 9, 10, 99, 100, 1_000, 65_535, 65_536, 1 << 20};

    /**
     * A decoded frame, as Latin-1 text so that every byte shows as itself.
     *
     * @param payload the frame's payload
     * @param trailer the bytes after the payload up to the frame's end, such as a line's LF
     */
    public record Frame(String payload, String trailer) {}

    /**
     * What feeding a stream of reads to a codec gave.
     *
     * @param frames the frames decoded, in order
     * @param refusal 0, or {@link FrameCodec#TOO_LARGE} or {@link FrameCodec#MALFORMED} if the codec
     *     refused the stream, after which nothing more was decoded
     * @param mostHeldWhenNeedingMore the most bytes the codec held when it answered
     *     {@link FrameCodec#NEED_MORE}
     * @param largestFrame the most bytes one frame took, framing included
     */
    public record Decoded(List<Frame> frames, int refusal, int mostHeldWhenNeedingMore, int largestFrame) {

        /** @return the payloads one after the other, as Latin-1 text */
        public String payloads() {
            return frames.stream().map(Frame::payload).collect(Collectors.joining());
        }
    }

    /** @return the provider of the framing under test */
    protected abstract FrameCodecProvider provider();

    /**
     * The bytes a client sends to make one request of {@code payload}: the payload with the
     * framing's header or terminator.
     *
     * @param payload any payload from {@link #samplePayloads()}, or letters of any length
     * @return the request's frame
     */
    protected abstract byte[] requestFrame(byte[] payload);

    /**
     * Payloads the framing can carry, each at most {@link #maxMessageBytes()} long. A framing whose
     * delimiter may not appear in a payload keeps it out of these.
     *
     * @return by default the empty payload, a few words of ASCII and of UTF-8 text with digits and
     *     punctuation, and one payload of exactly the maximum size
     */
    protected List<byte[]> samplePayloads() {
        return List.of(new byte[0], bytes("a"), bytes("hello, world"), bytes("12:34,56;78 \"quoted\""),
                bytes("héllo wörld ß ✓"), bytes("x".repeat(maxMessageBytes())));
    }

    /**
     * Whether a reply is framed as a request is, so that a request's payload encoded as a reply
     * gives back the request's frame, and a reply's frame decodes to its content.
     *
     * @return {@code true} unless overridden
     */
    protected boolean isSymmetric() {
        return true;
    }

    /**
     * Whether a payload over the maximum is refused as {@link FrameCodec#TOO_LARGE}. A read-delimited
     * framing such as {@code raw} cuts it into frames of the maximum size instead, and returns
     * {@code false}.
     *
     * @return {@code true} unless overridden
     */
    protected boolean refusesOversizeFrames() {
        return true;
    }

    /**
     * @return the maximum message size of the codec most tests use; small, so that oversize and
     *     byte-by-byte inputs stay short
     */
    protected int maxMessageBytes() {
        return 64;
    }

    /**
     * Creates a codec of the framing under test, as a transport does for an endpoint whose
     * {@code max-message-bytes} is {@code maxMessageBytes}.
     *
     * @param maxMessageBytes the largest payload; at least 1
     * @return a new codec
     */
    protected final FrameCodec createCodec(int maxMessageBytes) {
        FrameCodecProvider provider = provider();
        FrameCodec codec = provider.create(new FrameCodecContext("test", provider.name(), maxMessageBytes,
                TestSettings.forTransport("test", "")));
        assertTrue(codec != null, provider.getClass().getName() + " created no codec");
        return codec;
    }

    /**
     * Feeds {@code input} to {@code codec} as a stream transport would, in reads ending at
     * {@code splits}, then ends the stream; checks every call as the suite does.
     *
     * @param codec the codec
     * @param input the bytes received
     * @param splits where reads end: ascending indexes into {@code input}; none for one read
     * @return the frames, and the refusal if any
     * @throws AssertionError if a call breaks the codec's contract
     */
    protected final Decoded decode(FrameCodec codec, byte[] input, int... splits) {
        return FrameFeed.decode(codec, false, input, splits);
    }

    /**
     * As {@link #decode}, one byte per read.
     *
     * @param codec the codec
     * @param input the bytes received
     * @return the frames, and the refusal if any
     */
    protected final Decoded decodeByteByByte(FrameCodec codec, byte[] input) {
        return FrameFeed.decodeByteByByte(codec, false, input);
    }

    @Test
    void theNameIsLowerCaseLettersDigitsAndDashes() {
        String name = provider().name();
        assertTrue(name != null && name.matches("[a-z0-9]+(-[a-z0-9]+)*"), "the framing's name: " + name);
    }

    @Test
    void maxFrameBytesIsAtLeastTheMaxMessageSize() {
        for (int max : new int[] {1, maxMessageBytes(), 65_536, 16 << 20}) {
            int maxFrameBytes = createCodec(max).maxFrameBytes();
            assertTrue(maxFrameBytes >= max, "maxFrameBytes " + maxFrameBytes + " for max-message-bytes " + max);
        }
    }

    @Test
    void decodesEachSamplesRequestFrameToItsPayload() {
        FrameCodec codec = createCodec(maxMessageBytes());
        for (byte[] sample : samplePayloads()) {
            Decoded decoded = decode(codec, requestFrame(sample));
            assertEquals(List.of(latin1(sample)), decoded.frames().stream().map(Frame::payload).toList(),
                    "the request frame " + show(requestFrame(sample)));
            assertEquals(0, decoded.refusal());
        }
    }

    @Test
    void decodesTheSameFramesAtEverySplitPointAsWhole() {
        FrameCodec codec = createCodec(maxMessageBytes());
        byte[] stream = sampleStream();
        Decoded whole = decode(codec, stream);
        assertEquals(0, whole.refusal(), "the samples decode without refusal");
        if (!codec.isReadDelimited()) {
            assertEquals(samplePayloads().stream().map(FrameCodecContract::latin1).toList(),
                    whole.frames().stream().map(Frame::payload).toList(), "the samples' frames back to back");
        }
        for (boolean direct : new boolean[] {false, true}) {
            for (int split = 0; split <= stream.length; split++) {
                assertSameFrames(codec, whole, FrameFeed.decode(codec, direct, stream, split),
                        "split at " + split + (direct ? " in a direct buffer" : ""));
            }
            assertSameFrames(codec, whole, FrameFeed.decodeByteByByte(codec, direct, stream),
                    "one byte per read" + (direct ? " in a direct buffer" : ""));
        }
    }

    @Test
    void returnsOnlyDocumentedResultsOnArbitraryBytes() {
        FrameCodec codec = createCodec(maxMessageBytes());
        Random random = new Random(SEED);
        for (byte[] input : battery(codec)) {
            FrameFeed.decode(codec, random.nextBoolean(), input, splits(random, input.length));
        }
    }

    @Test
    void neverReturnsAPayloadOverTheMaximum() {
        FrameCodec codec = createCodec(maxMessageBytes());
        Random random = new Random(SEED);
        for (byte[] input : withOversizeFrames(battery(codec))) {
            for (Frame frame : decode(codec, input, splits(random, input.length)).frames()) {
                assertTrue(frame.payload().length() <= maxMessageBytes(), "a payload of " + frame.payload().length()
                        + " bytes, over the maximum of " + maxMessageBytes() + ", from " + show(input));
            }
        }
    }

    @Test
    void neverNeedsMoreThanMaxFrameBytes() {
        FrameCodec codec = createCodec(maxMessageBytes());
        for (byte[] input : withOversizeFrames(battery(codec))) {
            Decoded decoded = decodeByteByByte(codec, input);
            assertTrue(decoded.mostHeldWhenNeedingMore() < codec.maxFrameBytes(), "the codec asked for more with "
                    + decoded.mostHeldWhenNeedingMore() + " bytes held, maxFrameBytes being " + codec.maxFrameBytes()
                    + ": " + show(input));
            assertTrue(decoded.largestFrame() <= codec.maxFrameBytes(), "a frame of " + decoded.largestFrame()
                    + " bytes, over maxFrameBytes " + codec.maxFrameBytes() + ": " + show(input));
        }
    }

    @Test
    void theHoldTimeoutIsNotNegative() {
        Duration holdTimeout = createCodec(maxMessageBytes()).holdTimeout();
        assertTrue(holdTimeout != null && !holdTimeout.isNegative(), "holdTimeout " + holdTimeout);
    }

    @Test
    void aCodecWithAHoldTimeoutMakesALastFrameOfWhateverItHolds() {
        FrameCodec codec = createCodec(maxMessageBytes());
        assumeTrue(codec.holdTimeout().compareTo(Duration.ZERO) > 0, "the framing keeps held bytes until more come (holdTimeout 0)");
        for (byte[] input : withOversizeFrames(battery(codec))) {
            ByteBuffer in = ByteBuffer.wrap(input);
            while (in.hasRemaining()) {
                int limit = in.limit();
                int end = codec.decode(in, in.position());
                if (end == FrameCodec.NEED_MORE) {
                    int last = codec.decodeLast(in.slice());
                    assertTrue(last >= 0, "decodeLast gave " + last + " for the bytes decode held: "
                            + show(Arrays.copyOfRange(input, in.position(), input.length)));
                }
                if (end < 0) {
                    break;
                }
                in.limit(limit).position(end);
            }
        }
    }

    @Test
    void acceptsAPayloadOfExactlyTheMaximum() {
        FrameCodec codec = createCodec(maxMessageBytes());
        byte[] payload = letters(maxMessageBytes());
        Decoded whole = decode(codec, requestFrame(payload));
        assertEquals(List.of(latin1(payload)), whole.frames().stream().map(Frame::payload).toList());
        if (!codec.isReadDelimited()) {
            assertEquals(whole.frames(), decodeByteByByte(codec, requestFrame(payload)).frames(), "one byte per read");
        }
    }

    @Test
    void refusesAnOversizePayloadAsTooLargeWithinMaxFrameBytes() {
        assumeTrue(refusesOversizeFrames(), "this framing cuts what is too large rather than refusing it");
        FrameCodec codec = createCodec(maxMessageBytes());
        for (int size : new int[] {maxMessageBytes() + 1, 10 * maxMessageBytes() + 7}) {
            byte[] frame = requestFrame(letters(size));
            Decoded decoded = decodeByteByByte(codec, frame);
            assertEquals(FrameCodec.TOO_LARGE, decoded.refusal(), "a payload of " + size + " bytes: " + show(frame));
            assertEquals(List.of(), decoded.frames());
            assertTrue(decoded.mostHeldWhenNeedingMore() < codec.maxFrameBytes(), "refused only after "
                    + decoded.mostHeldWhenNeedingMore() + " bytes were held, maxFrameBytes being " + codec.maxFrameBytes());
        }
    }

    @Test
    void encodesARequestsPayloadAsAReplyToTheRequestsFrame() {
        assumeTrue(isSymmetric(), "this framing frames replies unlike requests");
        FrameCodec codec = createCodec(maxMessageBytes());
        Reply reply = Reply.allocateDirect(maxMessageBytes());
        for (byte[] sample : samplePayloads()) {
            byte[] request = requestFrame(sample);
            Frame frame = decode(codec, request).frames().get(0);

            codec.prepare(reply);
            reply.write(sample);
            byte[] encoded = bytesOf(codec.encode(reply, frame.trailer().length()));

            assertEquals(latin1(request), latin1(encoded), "the reply to " + show(request));
        }
    }

    @Test
    void encodesEveryReplySizeWithinTheRoomItReserves() {
        FrameCodec codec = createCodec(maxMessageBytes());
        int trailer = decode(codec, requestFrame(bytes("a"))).frames().get(0).trailer().length();
        for (int i = 0; i < MAX_REPLY_SIZES.length; i++) {
            int maxReply = MAX_REPLY_SIZES[i];
            Reply reply = i % 2 == 0 ? Reply.allocate(maxReply) : Reply.allocateDirect(maxReply);
            for (int size : IntStream.of(0, 1, maxReply / 2, maxReply - 1, maxReply).filter(s -> s >= 0 && s <= maxReply)
                    .distinct().toArray()) {
                byte[] content = letters(size);
                codec.prepare(reply);
                reply.write(content);
                byte[] encoded;
                try {
                    encoded = bytesOf(codec.encode(reply, trailer));
                } catch (RuntimeException e) {
                    throw new AssertionError("framing a reply of " + size + " bytes (at most " + maxReply + ") failed: "
                            + e, e);
                }
                assertTrue(latin1(encoded).contains(latin1(content)), "the frame holds the reply of " + size + " bytes");
                if (isSymmetric()) {
                    Decoded decoded = decode(createCodec(Math.max(1, maxReply)), encoded);
                    assertEquals(latin1(content), decoded.payloads(), "the frame of a reply of " + size
                            + " bytes (at most " + maxReply + ") decodes to it");
                    assertTrue(codec.isReadDelimited() || decoded.frames().size() == 1, "one frame");
                }
            }
        }
    }

    @Test
    void decodesAndEncodesTheSameFromSeveralThreadsAtOnce() throws Exception {
        FrameCodec codec = createCodec(maxMessageBytes());
        byte[] stream = sampleStream();
        Decoded expected = decode(codec, stream);
        List<byte[]> samples = samplePayloads();
        int trailer = decode(codec, requestFrame(bytes("a"))).frames().get(0).trailer().length();
        List<String> expectedReplies = encodeAll(codec, samples, trailer, Reply.allocate(maxMessageBytes()));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch ready = new CountDownLatch(THREADS);
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Random random = new Random(SEED + t);
                Reply reply = Reply.allocateDirect(maxMessageBytes());
                threads.add(pool.submit(() -> {
                    ready.countDown();
                    assertTrue(ready.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "every thread ready");
                    for (int round = 0; round < ROUNDS_PER_THREAD; round++) {
                        Decoded decoded = FrameFeed.decode(codec, random.nextBoolean(), stream,
                                splits(random, stream.length));
                        assertSameFrames(codec, expected, decoded, "on " + Thread.currentThread().getName());
                        assertEquals(expectedReplies, encodeAll(codec, samples, trailer, reply));
                    }
                    return null;
                }));
            }
            for (Future<?> thread : threads) {
                thread.get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Frames depend on where reads end for a read-delimited codec, but their bytes do not. */
    private static void assertSameFrames(FrameCodec codec, Decoded expected, Decoded actual, String how) {
        if (codec.isReadDelimited()) {
            assertEquals(expected.payloads(), actual.payloads(), how);
        } else {
            assertEquals(expected.frames(), actual.frames(), how);
        }
        assertEquals(expected.refusal(), actual.refusal(), how);
    }

    private static List<String> encodeAll(FrameCodec codec, List<byte[]> payloads, int trailer, Reply reply) {
        List<String> frames = new ArrayList<>();
        for (byte[] payload : payloads) {
            codec.prepare(reply);
            reply.write(payload);
            frames.add(latin1(bytesOf(codec.encode(reply, trailer))));
        }
        return frames;
    }

    /** @return every sample's request frame, back to back */
    private byte[] sampleStream() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        samplePayloads().forEach(sample -> stream.writeBytes(requestFrame(sample)));
        return stream.toByteArray();
    }

    /**
     * Inputs of up to three times {@code maxFrameBytes}: uniformly random bytes; bytes drawn from the
     * samples' frames, so that the framing's own bytes are frequent; and the samples' frames with a
     * few bytes changed, inserted, removed or cut off.
     */
    private List<byte[]> battery(FrameCodec codec) {
        Random random = new Random(SEED);
        byte[] valid = sampleStream();
        int maxLength = 3 * Math.min(codec.maxFrameBytes(), 1 << 16);
        List<byte[]> inputs = new ArrayList<>();
        for (int i = 0; i < BATTERY; i++) {
            byte[] input;
            switch (i % 3) {
                case 0 -> {
                    input = new byte[random.nextInt(maxLength + 1)];
                    random.nextBytes(input);
                }
                case 1 -> {
                    input = new byte[random.nextInt(maxLength + 1)];
                    for (int j = 0; j < input.length; j++) {
                        input[j] = valid.length == 0 ? (byte) random.nextInt(256) : valid[random.nextInt(valid.length)];
                    }
                }
                default -> input = mutate(valid, random);
            }
            inputs.add(input);
        }
        return inputs;
    }

    private static byte[] mutate(byte[] valid, Random random) {
        byte[] input = valid.clone();
        for (int mutations = 1 + random.nextInt(4); mutations > 0 && input.length > 0; mutations--) {
            int at = random.nextInt(input.length);
            input = switch (random.nextInt(4)) {
                case 0 -> {
                    input[at] = (byte) random.nextInt(256);
                    yield input;
                }
                case 1 -> {
                    byte[] longer = new byte[input.length + 1];
                    System.arraycopy(input, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(input, at, longer, at + 1, input.length - at);
                    yield longer;
                }
                case 2 -> {
                    byte[] shorter = new byte[input.length - 1];
                    System.arraycopy(input, 0, shorter, 0, at);
                    System.arraycopy(input, at + 1, shorter, at, input.length - at - 1);
                    yield shorter;
                }
                default -> Arrays.copyOf(input, at);
            };
        }
        return input;
    }

    /** @return the inputs, and request frames of payloads one byte and ten times over the maximum */
    private List<byte[]> withOversizeFrames(List<byte[]> inputs) {
        List<byte[]> all = new ArrayList<>(inputs);
        all.add(requestFrame(letters(maxMessageBytes() + 1)));
        all.add(requestFrame(letters(10 * maxMessageBytes())));
        return all;
    }

    /** @return up to three ascending read ends in {@code [0, length]} */
    private static int[] splits(Random random, int length) {
        return random.ints(random.nextInt(4), 0, length + 1).sorted().toArray();
    }

    private static byte[] letters(int length) {
        byte[] letters = new byte[length];
        for (int i = 0; i < length; i++) {
            letters[i] = (byte) ('a' + i % 26);
        }
        return letters;
    }

    private static byte[] bytesOf(ByteBuffer frame) {
        byte[] bytes = new byte[frame.remaining()];
        frame.duplicate().get(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, ISO_8859_1);
    }

    /** @return the bytes as text for a message: printable ASCII as is, others as {@code \xNN}, long input cut */
    static String show(byte[] bytes) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < Math.min(bytes.length, 160); i++) {
            int b = bytes[i] & 0xFF;
            text.append(b >= 0x20 && b < 0x7F && b != '\\' && b != '"' ? String.valueOf((char) b) : String.format("\\x%02x", b));
        }
        return text.append(bytes.length > 160 ? "\"... (" + bytes.length + " bytes)" : "\"").toString();
    }
}
