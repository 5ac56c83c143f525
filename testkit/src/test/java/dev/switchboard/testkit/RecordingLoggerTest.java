package dev.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.System.Logger.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordingLoggerTest {

    @Test
    void keepsLinesAtInfoAndAboveWithTheirThrowables() {
        RecordingLogger logger = new RecordingLogger();
        IllegalStateException failure = new IllegalStateException("boom");
        logger.log(Level.DEBUG, "too fine");
        logger.log(Level.WARNING, "service failed", failure);
        logger.log(Level.INFO, "{0} of {1}", 1, 2);

        assertEquals(List.of(
                new RecordingLogger.Line(Level.WARNING, "service failed", failure),
                new RecordingLogger.Line(Level.INFO, "1 of 2", null)), logger.lines());
    }
}
