package dev.switchboard.service.uppercase;

import static dev.switchboard.service.uppercase.Uppercasing.concat;
import static dev.switchboard.service.uppercase.Uppercasing.handle;
import static dev.switchboard.service.uppercase.Uppercasing.onlyAsciiRaised;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.ReplyTooLargeException;
import dev.switchboard.testkit.InMemoryTransport;
import java.util.HexFormat;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiUppercaseTest {

    private static final MessageService ASCII = Uppercasing.service("mode = ascii");
    private static final InMemoryTransport ENDPOINT = InMemoryTransport.serving(ASCII);

    @Test
    void leavesTheSharpSUntouched() throws Exception {
        assertArrayEquals("STRAßE".getBytes(UTF_8), ENDPOINT.send("straße".getBytes(UTF_8)).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "héllo wörld ß", "ΐ", "日本語 and 😀", ""})
    void raisesOnlyAsciiLettersKeepingTheLength(String text) throws Exception {
        byte[] request = text.getBytes(UTF_8);
        assertArrayEquals(onlyAsciiRaised(request), ENDPOINT.send(request).orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "c3", "c0af", "eda080", "f09f98", "f4908080"})
    void raisesTheAsciiLettersAroundInvalidUtf8(String invalidHex) throws Exception {
        byte[] request = concat("abc".getBytes(UTF_8), HexFormat.of().parseHex(invalidHex), "xyz".getBytes(UTF_8));
        assertArrayEquals(onlyAsciiRaised(request), ENDPOINT.send(request).orElseThrow());
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

    @ParameterizedTest
    @MethodSource("lengthsAroundTheWordSize")
    void raisesTheAsciiLettersWithANonAsciiByteAtAnyPosition(int length) throws Exception {
        for (int position = 0; position < length; position++) {
            for (boolean direct : new boolean[] {false, true}) {
                byte[] request = "the quick brown fox jumps over the lazy dog."
                        .substring(0, length).getBytes(UTF_8);
                request[position] = (byte) 0xC3;
                assertArrayEquals(onlyAsciiRaised(request), handle(ASCII, request, direct),
                        "non-ASCII at " + position + (direct ? " (direct)" : " (heap)"));
            }
        }
    }

    static IntStream lengthsAroundTheWordSize() {
        return IntStream.rangeClosed(0, 40);
    }

    @Test
    void refusesAReplyLongerThanTheLimit() {
        InMemoryTransport endpoint = new InMemoryTransport("test", 4);
        endpoint.start(ASCII);
        assertThrows(ReplyTooLargeException.class, () -> endpoint.send("hello"));
    }
}
