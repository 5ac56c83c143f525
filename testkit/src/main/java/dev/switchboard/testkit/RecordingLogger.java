package dev.switchboard.testkit;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A logger that keeps every line at INFO level and above, for tests about what gets logged. */
public final class RecordingLogger implements System.Logger {

    /**
     * @param level the line's level
     * @param message its text
     * @param thrown the throwable logged with it, or null
     */
    public record Line(Level level, String message, Throwable thrown) {}

    private final List<Line> lines = new CopyOnWriteArrayList<>();

    /** @return the lines logged so far */
    public List<Line> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return "recording";
    }

    @Override
    public boolean isLoggable(Level level) {
        return level.getSeverity() >= Level.INFO.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (isLoggable(level)) {
            lines.add(new Line(level, message, thrown));
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            lines.add(new Line(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params), null));
        }
    }
}
