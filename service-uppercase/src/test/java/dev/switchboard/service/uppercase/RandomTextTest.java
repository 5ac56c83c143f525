package dev.switchboard.service.uppercase;

import static dev.switchboard.service.uppercase.Uppercasing.onlyAsciiRaised;
import static dev.switchboard.service.uppercase.Uppercasing.upperCased;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.switchboard.testkit.InMemoryTransport;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Properties checked over many random requests, from a fixed seed so that a failure repeats. */
class RandomTextTest {

    private static final int REQUESTS = 10_000;
    /** Code point ranges to draw from: ASCII, Latin-1, Latin Extended-A, Greek, CJK, emoji. */
    private static final int[][] RANGES = {
        {0x20, 0x7E}, {0xA0, 0xFF}, {0x100, 0x17F}, {0x370, 0x3FF}, {0x4E00, 0x9FFF}, {0x1F600, 0x1F64F},
    };

    private final Random random = new Random(12000);

    @Test
    void repliesToTextWithItsFullUpperCase() throws Exception {
        InMemoryTransport endpoint = InMemoryTransport.serving(Uppercasing.service(""));
        for (int i = 0; i < REQUESTS; i++) {
            String text = randomText();
            assertArrayEquals(upperCased(text), endpoint.send(text.getBytes(UTF_8)).orElseThrow(), text);
        }
    }

    @Test
    void raisesOnlyTheAsciiLettersOfInvalidUtf8() throws Exception {
        InMemoryTransport endpoint = InMemoryTransport.serving(Uppercasing.service(""));
        for (int i = 0; i < REQUESTS; i++) {
            byte[] request = randomBytes();
            assertArrayEquals(onlyAsciiRaised(request), endpoint.send(request).orElseThrow(),
                    () -> HexFormat.of().formatHex(request));
        }
    }

    @Test
    void raisesOnlyTheAsciiLettersOfTextInAsciiMode() throws Exception {
        InMemoryTransport endpoint = InMemoryTransport.serving(Uppercasing.service("mode = ascii"));
        for (int i = 0; i < REQUESTS; i++) {
            byte[] request = randomText().getBytes(UTF_8);
            assertArrayEquals(onlyAsciiRaised(request), endpoint.send(request).orElseThrow());
        }
    }

    /** @return up to 40 code points, each range equally likely, ASCII twice as likely */
    private String randomText() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(41);
        for (int i = 0; i < length; i++) {
            int[] range = RANGES[Math.max(0, random.nextInt(RANGES.length + 1) - 1)];
            text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
        }
        return text.toString();
    }

    /** @return up to 64 random bytes, mostly ASCII, with at least one 0xFF, which UTF-8 never has */
    private byte[] randomBytes() {
        byte[] bytes = new byte[1 + random.nextInt(64)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(256));
        }
        bytes[random.nextInt(bytes.length)] = (byte) 0xFF;
        return bytes;
    }
}
