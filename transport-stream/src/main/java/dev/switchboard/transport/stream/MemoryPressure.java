package dev.switchboard.transport.stream;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.api.MemoryBudget;
import dev.switchboard.transport.RateLimitedLog;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One loop's answer to a process memory budget running short: while the budget is near its limit,
 * reading stops on this loop's connections with more than the low write watermark of unsent replies
 * and queued requests (what reading more from a client that does not read would make grow), so
 * that they take no more memory; once the budget has eased to half its limit, they read again. A
 * partial request is not a reason to pause: its codec bounds it and {@code frame-timeout} times it,
 * and reading on completes it or refuses it, which frees it. Past the
 * limit a reservation fails and the connection asking is closed ({@link Connections#lost}). Each
 * pause is counted in the budget ({@link MemoryBudget#pauses()}) and logged, rate-limited. Used by
 * the loop's thread only; a check costs one atomic read, and a pass over the connections happens
 * at most every {@value #INTERVAL_MILLIS} ms.
 */
final class MemoryPressure {

    private static final int INTERVAL_MILLIS = 20;
    /** How often a loop that paused connections looks again whether the budget has eased. */
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS);
    private static final Object PAUSED = "memory-paused";

    private final MemoryBudget budget;
    private final Connections connections;
    private final Inbound inbound;
    private final Clock clock;
    private final RateLimitedLog log;
    private final long largeHolding;
    private int paused;
    private long nextPass;

    /** @param largeHolding the pending bytes above which a connection is paused while the budget is near */
    MemoryPressure(MemoryBudget budget, Connections connections, Inbound inbound, Clock clock, RateLimitedLog log,
            long largeHolding) {
        this.budget = budget;
        this.connections = connections;
        this.inbound = inbound;
        this.clock = clock;
        this.log = log;
        this.largeHolding = largeHolding;
    }

    /** Pauses the largest holders while the budget is near; resumes them once it has eased. */
    void check() {
        if (budget.isNear()) {
            long now = clock.now();
            if (now - nextPass >= 0) {
                nextPass = now + INTERVAL_NANOS;
                connections.forEach(this::pauseIfLarge);
            }
        } else if (paused > 0 && budget.isEased()) {
            paused = 0;
            connections.forEach(this::resume);
        }
    }

    /** @return whether connections of this loop are paused until the budget eases */
    boolean holdsPaused() {
        return paused > 0;
    }

    private void pauseIfLarge(Connection c) {
        if (!c.memoryPaused && c.state == Connection.State.OPEN && c.pendingBytes() > largeHolding) {
            c.memoryPaused = true;
            paused++;
            budget.countPause();
            long held = c.heldBytes();
            log.log(WARNING, PAUSED, () -> "pausing reading from the connection from " + connections.peer(c)
                    + ": it holds " + held + " bytes and the memory budget is near its limit (" + budget
                    + ", switchboard.memory-budget)");
            settle(c);
        }
    }

    private void resume(Connection c) {
        if (c.memoryPaused) {
            c.memoryPaused = false;
            c.since = clock.now(); // a partial request could not grow while reading was paused
            try {
                inbound.decodeHeld(c);
            } catch (IOException e) {
                connections.lost(c, e);
                return;
            }
            settle(c);
        }
    }

    private void settle(Connection c) {
        try {
            connections.settle(c);
        } catch (IOException e) {
            connections.lost(c, e);
        }
    }
}
