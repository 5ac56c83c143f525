package dev.switchboard.launcher.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LineFormatterTest {

    private static LogRecord record(Level level, String message) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("switchboard.launcher");
        record.setInstant(Instant.parse("2026-12-01T12:00:00.123Z"));
        return record;
    }

    @Test
    void writesTheTimeInIso8601WithTheZonesOffsetThenLevelLoggerAndMessage() {
        assertEquals("2026-12-01T07:00:00.123-05:00 INFO    switchboard.launcher  ready in 412 ms" + System.lineSeparator(),
                new LineFormatter(ZoneId.of("America/New_York")).format(record(Level.INFO, "ready in 412 ms")));
    }

    @Test
    void writesTheExceptionsStackTraceAfterTheLine() {
        LogRecord record = record(Level.WARNING, "failed");
        record.setThrown(new IllegalStateException("boom"));

        String text = new LineFormatter(ZoneId.of("UTC")).format(record);

        assertTrue(text.startsWith("2026-12-01T12:00:00.123+00:00 WARNING switchboard.launcher  failed"
                + System.lineSeparator() + "java.lang.IllegalStateException: boom" + System.lineSeparator() + "\tat "), text);
    }
}
