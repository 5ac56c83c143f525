package dev.switchboard.service.uppercase;

import static dev.switchboard.service.uppercase.Uppercasing.concat;
import static dev.switchboard.service.uppercase.Uppercasing.handle;
import static dev.switchboard.service.uppercase.Uppercasing.onlyAsciiRaised;
import static dev.switchboard.service.uppercase.Uppercasing.upperCased;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.ReplyTooLargeException;
import dev.switchboard.testkit.InMemoryTransport;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class UnicodeUppercaseTest {

    private static final MessageService UNICODE = Uppercasing.service("");
    /** The tcp transport's reply bound at its defaults (three times max-message-bytes, 64 KiB). */
    private static final int TCP_REPLY_BYTES = 3 * 64 * 1024;
    private static final InMemoryTransport ENDPOINT = InMemoryTransport.serving(UNICODE, TCP_REPLY_BYTES);

    private static InMemoryTransport limitedTo(int maxReplyBytes) {
        InMemoryTransport endpoint = new InMemoryTransport("test", maxReplyBytes);
        endpoint.start(UNICODE);
        return endpoint;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hello                       | HELLO
            héllo wörld ß               | HÉLLO WÖRLD SS
            Straße, ﬁsh and ŉ           | STRASSE, FISH AND ʼN
            σοφία                       | ΣΟΦΊΑ
            ǆemal ǈ                     | ǄEMAL Ǉ
            ıi                          | II
            日本語 and 😀 stay          | 日本語 AND 😀 STAY
            """)
    void raisesTextToItsFullUpperCase(String request, String reply) throws Exception {
        assertEquals(Optional.of(reply), ENDPOINT.send(request));
    }

    @Test
    void triplesTheLengthOfAGreekIotaWithDialytikaAndTonos() throws Exception {
        byte[] reply = ENDPOINT.send("ΐ".getBytes(UTF_8)).orElseThrow();
        assertEquals(6, reply.length);
        assertEquals("\u0399\u0308\u0301", new String(reply, UTF_8));
    }

    @Test
    void answersAnEmptyRequestWithAnEmptyReply() throws Exception {
        assertEquals(Optional.of(""), ENDPOINT.send(""));
    }

    @Test
    void raises64KiBOfAscii() throws Exception {
        String request = "the quick brown fox jumps over the lazy dog. ".repeat(1500).substring(0, 64 * 1024);
        assertEquals(Optional.of(request.toUpperCase()), ENDPOINT.send(request));
    }

    @Test
    void raises64KiBOfMixedText() throws Exception {
        String text = "plain ascii, héllo wörld ß, σοφία, 日本語, 😀! ";
        // String.toUpperCase takes quadratic time with many "ß": upper-case one piece and repeat it.
        byte[] reply = ENDPOINT.send(text.repeat(1000).getBytes(UTF_8)).orElseThrow();
        assertArrayEquals(text.toUpperCase(Locale.ROOT).repeat(1000).getBytes(UTF_8), reply);
    }

    @Test
    void raisesTextLargerThanTheBuffersKeptPerThread() throws Exception {
        String text = "héllo wörld ß, σοφία 日本語 😀 ";
        byte[] reply = ENDPOINT.send(text.repeat(3000).getBytes(UTF_8)).orElseThrow();
        assertArrayEquals(text.toUpperCase(Locale.ROOT).repeat(3000).getBytes(UTF_8), reply);
        assertArrayEquals(upperCased("é"), ENDPOINT.send("é".getBytes(UTF_8)).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("everyByteValue")
    void raisesALoneByteOnlyIfItIsAnAsciiLetter(int value) throws Exception {
        byte[] request = {(byte) value};
        assertArrayEquals(onlyAsciiRaised(request), ENDPOINT.send(request).orElseThrow());
    }

    static IntStream everyByteValue() {
        return IntStream.range(0, 256);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a byte that never occurs in UTF-8, ff",
        "a lead byte alone, c3",
        "an overlong slash, c0af",
        "an encoded surrogate, eda080",
        "a truncated four-byte sequence, f09f98",
        "a code point above U+10FFFF, f4908080",
        "a continuation byte alone, 80",
    })
    void raisesOnlyTheAsciiLettersOfInvalidUtf8(String description, String invalidHex) throws Exception {
        // Valid text on both sides: the whole request, not only the invalid part, is raised byte by byte.
        byte[] invalid = HexFormat.of().parseHex(invalidHex);
        byte[] request = concat("abc é ".getBytes(UTF_8), invalid, " ß xyz".getBytes(UTF_8));
        assertArrayEquals(onlyAsciiRaised(request), ENDPOINT.send(request).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("lengthsAroundTheWordSize")
    void raisesAsciiOfAnyLength(int length) throws Exception {
        for (boolean direct : new boolean[] {false, true}) {
            String request = text(length);
            assertArrayEquals(upperCased(request), handle(UNICODE, request.getBytes(UTF_8), direct));
        }
    }

    @ParameterizedTest
    @MethodSource("lengthsAroundTheWordSize")
    void raisesTextWithANonAsciiCharacterAtAnyPosition(int length) throws Exception {
        for (int position = 0; position < length; position++) {
            for (boolean direct : new boolean[] {false, true}) {
                String request = text(position) + "é" + text(length - position - 1);
                assertArrayEquals(upperCased(request), handle(UNICODE, request.getBytes(UTF_8), direct),
                        () -> request + (direct ? " (direct)" : " (heap)"));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("lengthsAroundTheWordSize")
    void raisesOnlyAsciiLettersWithAnInvalidByteAtAnyPosition(int length) throws Exception {
        for (int position = 0; position < length; position++) {
            for (boolean direct : new boolean[] {false, true}) {
                byte[] request = text(length).getBytes(UTF_8);
                request[position] = (byte) 0xFF;
                assertArrayEquals(onlyAsciiRaised(request), handle(UNICODE, request, direct),
                        "invalid at " + position + (direct ? " (direct)" : " (heap)"));
            }
        }
    }

    static IntStream lengthsAroundTheWordSize() {
        return IntStream.rangeClosed(0, 40);
    }

    @Test
    void refusesAnAsciiReplyLongerThanTheLimit() {
        assertThrows(ReplyTooLargeException.class, () -> limitedTo(4).send("hello"));
    }

    @Test
    void refusesAReplyThatGrowsBeyondTheLimit() {
        assertThrows(ReplyTooLargeException.class, () -> limitedTo(5).send("ΐ"));
    }

    @Test
    void refusesInvalidUtf8LongerThanTheLimit() {
        assertThrows(ReplyTooLargeException.class, () -> limitedTo(3).send(new byte[] {'a', 'b', 'c', (byte) 0xFF}));
    }

    @Test
    void fitsAReplyThatShrinksWithinTheLimit() throws Exception {
        assertEquals(Optional.of("III"), limitedTo(3).send("ııı"));
    }

    @Test
    void fitsAReplyExactlyAsLongAsTheLimit() throws Exception {
        assertEquals(Optional.of("ABC"), limitedTo(3).send("abc"));
    }

    @Test
    @Timeout(30)
    void servesSeveralThreadsAtOnce() throws Exception {
        // Requests of every kind, one larger than the per-thread buffers keep, in a different order on each thread.
        List<String> requests =
                List.of("héllo wörld ß", "plain ascii text", "σοφία 日本語 😀", "ß".repeat(40_000), "");
        List<byte[]> replies = List.of(upperCased("héllo wörld ß"), upperCased("plain ascii text"),
                upperCased("σοφία 日本語 😀"), "SS".repeat(40_000).getBytes(UTF_8), new byte[0]);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                results.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = (i + offset) % requests.size();
                        assertArrayEquals(replies.get(k), handle(UNICODE, requests.get(k).getBytes(UTF_8), i % 2 == 0));
                    }
                    return null;
                }));
            }
            for (Future<?> result : results) {
                result.get(25, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** @return {@code length} ASCII characters, mostly lower-case letters */
    private static String text(int length) {
        return "the quick brown fox jumps over the lazy dog. ".repeat(1 + length / 45).substring(0, length);
    }
}
