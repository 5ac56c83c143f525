package dev.switchboard.transport;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Logs each kind of event at most once per interval, so that a flood of bad input costs a counter
 * increment per event and one log line per interval, which also says how many were left unlogged.
 */
public final class RateLimitedLog {

    private final System.Logger logger;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<Object, Window> windows = new ConcurrentHashMap<>();

    /**
     * @param logger where the lines go
     * @param interval the least time between two lines about the same kind of event
     */
    public RateLimitedLog(System.Logger logger, Duration interval) {
        this(logger, interval, System::nanoTime);
    }

    RateLimitedLog(System.Logger logger, Duration interval, LongSupplier nanoClock) {
        this.logger = Objects.requireNonNull(logger, "logger");
        this.intervalNanos = interval.toNanos();
        this.nanoClock = nanoClock;
    }

    /**
     * Logs {@code message} unless an event of the same {@code kind} was logged less than an interval
     * ago, in which case it only counts it.
     *
     * @param level the level of the line
     * @param kind what kind of event this is, such as a {@link Refusal}
     * @param message builds the line; called only if it is logged
     */
    public void log(Level level, Object kind, Supplier<String> message) {
        log(level, kind, message, null);
    }

    /**
     * Logs {@code message} with {@code thrown}, whose stack trace the logger prints, unless an event
     * of the same {@code kind} was logged less than an interval ago, in which case it only counts it.
     *
     * @param level the level of the line
     * @param kind what kind of event this is, such as a {@link Failure}
     * @param message builds the line; called only if it is logged
     * @param thrown the cause of the event; may be null
     */
    public void log(Level level, Object kind, Supplier<String> message, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        long suppressed = admit(kind);
        if (suppressed >= 0) {
            String line = message.get();
            if (suppressed > 0) {
                line += " (and " + suppressed + " more like it in the previous "
                        + Duration.ofNanos(intervalNanos).toSeconds() + "s)";
            }
            logger.log(level, line, thrown);
        }
    }

    /** @return how many events of this kind went unlogged before this one, or -1 to skip this one */
    private long admit(Object kind) {
        Window window = windows.computeIfAbsent(kind, k -> new Window(nanoClock.getAsLong() - intervalNanos));
        long now = nanoClock.getAsLong();
        long next = window.nextLineAt.get();
        if (now - next >= 0 && window.nextLineAt.compareAndSet(next, now + intervalNanos)) {
            return window.suppressed.getAndSet(0);
        }
        window.suppressed.incrementAndGet();
        return -1;
    }

    private static final class Window {
        final AtomicLong nextLineAt;
        final AtomicLong suppressed = new AtomicLong();

        Window(long nextLineAt) {
            this.nextLineAt = new AtomicLong(nextLineAt);
        }
    }
}
