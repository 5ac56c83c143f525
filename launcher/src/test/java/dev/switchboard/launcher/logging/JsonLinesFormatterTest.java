package dev.switchboard.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class JsonLinesFormatterTest {

    private static final Instant NOON_UTC = Instant.parse("2026-12-01T12:00:00.123Z");
    private static final JsonLinesFormatter UTC = new JsonLinesFormatter(ZoneOffset.UTC);

    private static LogRecord record(Level level, String logger, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(NOON_UTC);
        return record;
    }

    @Test
    void writesOneObjectOnOneLineWithTimeLevelLoggerAndMessage() {
        assertEquals("{\"time\":\"2026-12-01T12:00:00.123+00:00\",\"level\":\"INFO\",\"logger\":\"switchboard.launcher\","
                + "\"message\":\"ready in 412 ms\"}" + System.lineSeparator(),
                UTC.format(record(Level.INFO, "switchboard.launcher", "ready in 412 ms")));
    }

    @Test
    void writesTheTimeWithTheOffsetOfItsZone() {
        String line = new JsonLinesFormatter(ZoneId.of("Asia/Kolkata")).format(record(Level.INFO, "x", "m"));
        assertTrue(line.startsWith("{\"time\":\"2026-12-01T17:30:00.123+05:30\","), line);
    }

    @Test
    void namesTheEndpointOfAnEndpointsLogger() {
        String line = UTC.format(record(Level.WARNING, "switchboard.endpoint.tcp-lines", "closing"));
        assertTrue(line.contains(",\"logger\":\"switchboard.endpoint.tcp-lines\",\"endpoint\":\"tcp-lines\","), line);
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        String line = UTC.format(record(Level.INFO, "x", "say \"hi\" \\ to\nthe\tworld\r\u0001\u001f é"));
        assertTrue(line.contains(",\"message\":\"say \\\"hi\\\" \\\\ to\\nthe\\tworld\\r\\u0001\\u001f é\"}"), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void writesTheExceptionsStackTraceAsOneString() {
        LogRecord record = record(Level.SEVERE, "x", "failed");
        record.setThrown(new IllegalStateException("boom \"quoted\""));

        String line = UTC.format(record);

        assertTrue(line.contains(",\"message\":\"failed\",\"exception\":\"java.lang.IllegalStateException: boom \\\"quoted\\\""
                + System.lineSeparator().replace("\n", "\\n").replace("\r", "\\r") + "\\tat "), line);
        assertTrue(line.endsWith("\"}" + System.lineSeparator()), line);
        assertEquals(1, line.lines().count(), line);
    }

    @Test
    void formatsTheMessagesParameters() {
        LogRecord record = record(Level.INFO, "x", "{0} of {1}");
        record.setParameters(new Object[] {1, 2});
        assertTrue(UTC.format(record).contains("\"message\":\"1 of 2\""));
    }
}
