package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitedLog log = new RateLimitedLog(new RecordingLogger(lines), Duration.ofSeconds(10), now::get);

    @Test
    void logsTheFirstEventOfAKind() {
        log.log(Level.WARNING, Refusal.IDLE_TIMEOUT, () -> "idle");
        assertEquals(List.of("idle"), lines);
    }

    @Test
    void suppressesRepeatsWithinTheIntervalAndCountsThem() {
        for (int i = 0; i < 5; i++) {
            log.log(Level.WARNING, Refusal.IDLE_TIMEOUT, () -> "idle");
        }
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.log(Level.WARNING, Refusal.IDLE_TIMEOUT, () -> "idle");
        assertEquals(List.of("idle", "idle (and 4 more like it in the previous 10s)"), lines);
    }

    @Test
    void limitsEachKindSeparately() {
        log.log(Level.WARNING, Refusal.IDLE_TIMEOUT, () -> "idle");
        log.log(Level.WARNING, Refusal.MAX_CONNECTIONS, () -> "full");
        log.log(Level.WARNING, Refusal.MAX_CONNECTIONS, () -> "full");
        assertEquals(List.of("idle", "full"), lines);
    }

    private record RecordingLogger(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }
}
