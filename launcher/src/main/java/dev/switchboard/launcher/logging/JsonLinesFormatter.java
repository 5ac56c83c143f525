package dev.switchboard.launcher.logging;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * JSON lines, for log shippers: one object per event, on one line, with {@code time} (ISO 8601
 * with its UTC offset), {@code level}, {@code logger}, {@code endpoint} (for the loggers of an
 * endpoint's transport, {@code switchboard.endpoint.<name>}), {@code message} and, if the event
 * carries one, {@code exception} (its stack trace as one string):
 *
 * <pre>{@code
 * {"time":"2026-12-01T22:44:31.123+01:00","level":"WARNING","logger":"switchboard.endpoint.tcp","endpoint":"tcp","message":"..."}
 * }</pre>
 *
 * <p>Selected in {@code config/logging.properties} with
 * {@code java.util.logging.ConsoleHandler.formatter = dev.switchboard.launcher.logging.JsonLinesFormatter}.
 */
public final class JsonLinesFormatter extends Formatter {

    private static final String ENDPOINT_LOGGERS = "switchboard.endpoint.";

    private final ZoneId zone;

    /** Writes times with the offset of the JVM's default time zone. */
    public JsonLinesFormatter() {
        this(ZoneId.systemDefault());
    }

    JsonLinesFormatter(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(200);
        line.append("{\"time\":\"").append(LogTime.format(record.getInstant(), zone)).append('"');
        field(line, "level", record.getLevel().getName());
        String logger = record.getLoggerName();
        if (logger != null) {
            field(line, "logger", logger);
            if (logger.startsWith(ENDPOINT_LOGGERS) && logger.length() > ENDPOINT_LOGGERS.length()) {
                field(line, "endpoint", logger.substring(ENDPOINT_LOGGERS.length()));
            }
        }
        field(line, "message", formatMessage(record));
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            field(line, "exception", trace.toString());
        }
        return line.append('}').append(System.lineSeparator()).toString();
    }

    private static void field(StringBuilder line, String name, String value) {
        line.append(",\"").append(name).append("\":\"");
        escape(value == null ? "" : value, line);
        line.append('"');
    }

    /** The characters JSON strings cannot hold as they are: quotation mark, backslash, controls. */
    private static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
