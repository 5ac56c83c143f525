package dev.switchboard.launcher.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The console's format, one line per event: the time in ISO 8601 with its UTC offset, the level,
 * the logger and the message, then the exception's stack trace if there is one:
 * {@code 2026-12-01T22:44:31.123+01:00 INFO    switchboard.launcher  ready in 412 ms}. Named in
 * {@code config/logging.properties} as {@code java.util.logging.ConsoleHandler.formatter}.
 */
public final class LineFormatter extends Formatter {

    /** The longest level's name, {@code WARNING}: the loggers' names line up after it. */
    private static final int LEVEL_WIDTH = 7;

    private final ZoneId zone;

    /** Writes times with the offset of the JVM's default time zone. */
    public LineFormatter() {
        this(ZoneId.systemDefault());
    }

    LineFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160).append(LogTime.format(record.getInstant(), zone)).append(' ');
        String level = record.getLevel().getName();
        line.append(level).append(" ".repeat(Math.max(1, LEVEL_WIDTH + 1 - level.length())))
                .append(record.getLoggerName()).append("  ")
                .append(formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(System.lineSeparator()).append(trace);
        } else {
            line.append(System.lineSeparator());
        }
        return line.toString();
    }
}
