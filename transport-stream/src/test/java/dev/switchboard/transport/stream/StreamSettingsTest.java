package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.Settings;
import dev.switchboard.api.SettingsException;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.SourcePolicy;
import dev.switchboard.transport.TokenBucket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamSettingsTest {

    private static StreamSettings read(String hocon) {
        return StreamSettings.from(TestServer.context(hocon, null));
    }

    @Test
    void defaultsToTheExercise() {
        StreamSettings settings = read("threads = 0");
        assertEquals("raw", settings.framing());
        assertTrue(settings.codec().isReadDelimited(), "raw: one read is one request");
        assertEquals(64 * 1024, settings.endpoint().maxMessageBytes());
        assertEquals(Runtime.getRuntime().availableProcessors(), settings.endpoint().threads());
        assertEquals(1024, settings.backlog());
        assertEquals(10_000, settings.maxConnections());
        assertEquals(Duration.ofMinutes(5), settings.idleTimeout());
        assertEquals(Duration.ofSeconds(30), settings.frameTimeout());
        assertEquals(64 * 1024, settings.writeHighWatermark());
        assertEquals(16 * 1024, settings.writeLowWatermark());
    }

    @Test
    void leavesRoomForRepliesThreeTimesTheLargestMessageUnlessToldOtherwise() {
        assertEquals(3 * 1000, read("max-message-bytes = 1000").maxReplyBytes());
        assertEquals(500, read("max-message-bytes = 1000, max-reply-bytes = 500").maxReplyBytes());
    }

    @Test
    void createsTheCodecOfTheConfiguredFramingForTheLargestMessage() {
        StreamSettings settings = read("framing = line, max-message-bytes = 100");
        assertEquals("line", settings.framing());
        assertEquals(102, settings.codec().maxFrameBytes(), "a line of 100 bytes and its CRLF");
    }

    @Test
    void refusesAnUnknownFramingListingTheAvailableOnes() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("framing = lines"));
        assertTrue(e.getMessage().contains("framing: expected one of the framings available: length-prefixed"
                + " (module dev.switchboard.transport.stream), line (module dev.switchboard.transport.stream),"
                + " raw (module dev.switchboard.transport.stream)"), e.getMessage());
    }

    @Test
    void refusesALowWatermarkNotBelowTheHighOne() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> read("write-high-watermark = 16KiB, write-low-watermark = 16KiB"));
        assertTrue(e.getMessage().contains("write-low-watermark"), e.getMessage());
    }

    @Test
    void refusesAMaximumMessageAboveSixteenMebibytes() {
        assertThrows(SettingsException.class, () -> read("max-message-bytes = 17MiB"));
    }

    @Test
    void perSourceDefaultsLeaveRoomForHundredsOfClientsBehindOneAddress() {
        SourceLimits limits = read("").sourceLimits();
        assertEquals(SourcePolicy.DEFAULT, limits.policy());
        assertEquals(1000, limits.maxConnections());
        assertEquals(new TokenBucket(2000, 2000), limits.connectionRate());
        assertEquals(Duration.ofSeconds(5), limits.coolDown());
    }

    @Test
    void aConnectionRateOfZeroIsNoLimit() {
        assertNull(read("max-connection-rate-per-source = 0").sourceLimits().connectionRate());
    }

    @Test
    void refusesACoolDownOfMoreThanADay() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("connection-rate-cooldown = 2d"));
        assertTrue(e.getMessage().contains("connection-rate-cooldown: expected a duration of at most a day"), e.getMessage());
    }

    @Test
    void refusesABadAllowEntryNamingIt() {
        SettingsException e = assertThrows(SettingsException.class, () -> read("allow = [\"10.0.0.0/8\", banana]"));
        assertTrue(e.getMessage().contains("switchboard.endpoints.test.allow: expected a list of IP addresses and CIDR"
                + " blocks; \"banana\" is not an IP address or block"), e.getMessage());
    }

    @Test
    void aTransportWithoutTheSharedSourceSettingsServesEveryone() {
        Settings settings = TestSettings.forTransport("stream-without-sources", "");
        assertEquals(SourcePolicy.DEFAULT, SourceLimits.from(settings).policy());
    }

    @Test
    void documentsEachKeyWithACommentLine() throws IOException {
        List<String> lines;
        try (InputStream in = ClassLoader.getSystemClassLoader()
                .getResourceAsStream("switchboard-transport-stream/stream.conf")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        List<String> keys = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).matches("[a-z-]+ = .*")) {
                keys.add(lines.get(i).substring(0, lines.get(i).indexOf(' ')));
                assertTrue(lines.get(i - 1).startsWith("#"), "no comment above: " + lines.get(i));
            }
        }
        assertEquals(List.of("framing", "max-message-bytes", "max-reply-bytes", "backlog", "max-connections",
                "max-connections-per-source", "max-connection-rate-per-source", "connection-rate-cooldown",
                "idle-timeout", "frame-timeout", "write-timeout", "write-high-watermark", "write-low-watermark", "io"), keys);
    }
}
