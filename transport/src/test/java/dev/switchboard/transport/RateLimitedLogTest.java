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
    private final List<Throwable> causes = new ArrayList<>();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RateLimitedLog log = new RateLimitedLog(new RecordingLogger(lines, causes), Duration.ofSeconds(10), now::get);

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

    @Test
    void handsTheCauseToTheLoggerAsAThrowableNotInTheMessage() {
        IllegalStateException cause = new IllegalStateException("boom");
        log.log(Level.WARNING, Failure.SERVICE, () -> "the service failed", cause);
        assertEquals(List.of("the service failed"), lines);
        assertEquals(List.of(cause), causes);
    }

    @Test
    void countsSuppressedEventsWithACauseLikeOthers() {
        IllegalStateException cause = new IllegalStateException("boom");
        log.log(Level.WARNING, Failure.SERVICE, () -> "failed", cause);
        log.log(Level.WARNING, Failure.SERVICE, () -> "failed", cause);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        log.log(Level.WARNING, Failure.SERVICE, () -> "failed", cause);
        assertEquals(List.of("failed", "failed (and 1 more like it in the previous 10s)"), lines);
        assertEquals(List.of(cause, cause), causes);
    }

    private record RecordingLogger(List<String> lines, List<Throwable> causes) implements System.Logger {
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
            if (thrown != null) {
                causes.add(thrown);
            }
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(format);
        }
    }
}
