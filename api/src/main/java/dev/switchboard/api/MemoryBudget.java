package dev.switchboard.api;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a process lets its transports hold on behalf of clients (partial requests, unsent
 * replies, requests waiting for a worker, and, counted once at start, each event loop's fixed
 * buffers), shared by every endpoint. A transport reserves before it allocates and releases what it
 * frees; a reservation that would pass the limit fails, and the transport turns the client asking
 * away rather than let the process run out of memory. Near the limit ({@link #isNear}) transports
 * stop reading from the clients holding the most.
 *
 * <p>Thread-safe and cheap: one atomic counter, which never exceeds the limit, not even for a moment.
 * Reservations are in bytes and are not tied to any buffer: whoever reserved is to release the same
 * amount exactly once. A second counter, {@link #pauses()}, tells an operator (and a test) how often
 * the budget ran short enough for transports to stop reading from a client.
 */
public final class MemoryBudget {

    /** Above this share of the limit the budget is near: transports pause their largest holders. */
    private static final double NEAR = 0.75;
    /** At or below this share of the limit transports resume the connections they paused for memory. */
    private static final double EASED = 0.5;

    private static final class ProcessDefault {
        static final MemoryBudget INSTANCE = of(Runtime.getRuntime().maxMemory() / 2);
    }

    private final long limit;
    private final long near;
    private final long eased;
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong pauses = new AtomicLong();

    private MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive, got " + limit);
        }
        this.limit = limit;
        this.near = (long) (limit * NEAR);
        this.eased = (long) (limit * EASED);
    }

    /**
     * @param limit the bytes that may be reserved at once; positive
     * @return a new, empty budget
     */
    public static MemoryBudget of(long limit) {
        return new MemoryBudget(limit);
    }

    /**
     * The budget shared by every {@link TransportContext} created without one (tests, embedded
     * uses): half the maximum heap. The launcher creates its own from {@code switchboard.memory-budget}.
     *
     * @return the same budget on every call
     */
    public static MemoryBudget processDefault() {
        return ProcessDefault.INSTANCE;
    }

    /**
     * Reserves {@code bytes} if they fit.
     *
     * @param bytes how many; not negative
     * @return whether they were reserved; if not, nothing was
     */
    public boolean tryReserve(long bytes) {
        long before;
        do {
            before = used.get();
            if (before + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(before, before + bytes));
        return true;
    }

    /** @param bytes what an earlier successful {@link #tryReserve} reserved, returned once */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /**
     * Counts one connection a transport stopped reading from because the budget was {@link #isNear near}.
     * Safe from any thread.
     */
    public void countPause() {
        pauses.incrementAndGet();
    }

    /** @return how many times a transport stopped reading from a connection because the budget was near */
    public long pauses() {
        return pauses.get();
    }

    /** @return the bytes reserved now; never more than the limit */
    public long used() {
        return used.get();
    }

    /** @return the bytes that may be reserved at once */
    public long limit() {
        return limit;
    }

    /** @return whether more than three quarters of the limit is reserved: time to pause the largest holders */
    public boolean isNear() {
        return used.get() > near;
    }

    /** @return whether at most half of the limit is reserved: connections paused for memory may resume */
    public boolean isEased() {
        return used.get() <= eased;
    }

    @Override
    public String toString() {
        return "MemoryBudget[" + used.get() + " of " + limit + " bytes, " + pauses.get() + " pauses]";
    }
}
