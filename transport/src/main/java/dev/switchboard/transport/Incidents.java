package dev.switchboard.transport;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.EndpointObserver;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * What a transport turns away and what fails, counted in a {@link Counters.Shard}, logged through
 * a {@link RateLimitedLog} and (refusals) reported to the endpoint's {@link EndpointObserver}: one
 * call per event, so that counting, logging and observing never part. Used by the threads that
 * write its shard.
 */
public final class Incidents {

    private final Counters.Shard counters;
    private final RateLimitedLog log;
    private final EndpointObserver observer;

    /**
     * @param counters where the events are counted
     * @param log where they are logged, at most once per kind and interval
     * @param observer what each refusal is reported to, on the calling thread
     */
    public Incidents(Counters.Shard counters, RateLimitedLog log, EndpointObserver observer) {
        this.counters = counters;
        this.log = log;
        this.observer = observer;
    }

    /**
     * Counts a refusal and logs it at WARNING level.
     *
     * @param refusal why
     * @param message builds the line; called only if it is logged
     */
    public void refused(Refusal refusal, Supplier<String> message) {
        refused(refusal, WARNING, message);
    }

    /**
     * @param refusal why
     * @param level the line's level
     * @param message builds the line; called only if it is logged
     */
    public void refused(Refusal refusal, Level level, Supplier<String> message) {
        counters.refused(refusal);
        observer.refused(refusal.reason());
        log.log(level, refusal, message);
    }

    /**
     * Counts a failure and logs it at WARNING level.
     *
     * @param failure what kind
     * @param message builds the line; called only if it is logged
     * @param thrown the cause, whose stack trace the logger prints; may be null
     */
    public void failed(Failure failure, Supplier<String> message, Throwable thrown) {
        counters.failed(failure);
        log.log(WARNING, failure, message, thrown);
    }
}
