package dev.switchboard.transport;

import dev.switchboard.api.TransportStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One transport's counters, split into shards so that counting never takes a lock or an atomic
 * read-modify-write on the hot path: each I/O thread owns a {@link #newShard() shard} and writes it
 * with plain (opaque) stores; {@link #snapshot()} sums the shards. Threads that share a shard, such
 * as a worker pool's, use a {@link #newSharedShard() shared shard}, which adds atomically.
 */
public final class Counters {

    private static final int FIRST_REFUSAL = Counter.values().length;
    private static final int FIRST_FAILURE = FIRST_REFUSAL + Refusal.values().length;
    private static final int SLOTS = FIRST_FAILURE + Failure.values().length;
    /** Padding on both sides keeps two threads' shards off each other's cache lines. */
    private static final int PADDING = 16;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private final List<Shard> shards = new CopyOnWriteArrayList<>();

    /** @return a shard to be written by the calling thread only */
    public Shard newShard() {
        return register(new Shard(false));
    }

    /** @return a shard that several threads may write */
    public Shard newSharedShard() {
        return register(new Shard(true));
    }

    private Shard register(Shard shard) {
        shards.add(shard);
        return shard;
    }

    /** @return the sum of every shard; refusals and errors that never happened are left out */
    public TransportStats snapshot() {
        long[] sum = new long[SLOTS];
        for (Shard shard : shards) {
            for (int i = 0; i < SLOTS; i++) {
                sum[i] += (long) SLOT.getOpaque(shard.slots, PADDING + i);
            }
        }
        Map<String, Long> refusals = new LinkedHashMap<>();
        for (Refusal refusal : Refusal.values()) {
            putIfPositive(refusals, refusal.reason(), sum[FIRST_REFUSAL + refusal.ordinal()]);
        }
        Map<String, Long> errors = new LinkedHashMap<>();
        for (Failure failure : Failure.values()) {
            putIfPositive(errors, failure.kind(), sum[FIRST_FAILURE + failure.ordinal()]);
        }
        long accepted = sum[Counter.CONNECTIONS_ACCEPTED.ordinal()];
        long closed = sum[Counter.CONNECTIONS_CLOSED.ordinal()];
        return new TransportStats(
                Math.max(0, accepted - closed),
                accepted,
                sum[Counter.REQUESTS.ordinal()],
                sum[Counter.REPLIES.ordinal()],
                sum[Counter.BYTES_IN.ordinal()],
                sum[Counter.BYTES_OUT.ordinal()],
                refusals,
                errors);
    }

    private static void putIfPositive(Map<String, Long> map, String key, long value) {
        if (value > 0) {
            map.put(key, value);
        }
    }

    /** A set of counters written by one thread, or by several if shared. */
    public static final class Shard {

        private final long[] slots = new long[PADDING + SLOTS + PADDING];
        private final boolean shared;

        private Shard(boolean shared) {
            this.shared = shared;
        }

        /** @param counter the counter to raise by one */
        public void increment(Counter counter) {
            add(counter.ordinal(), 1);
        }

        /**
         * @param counter the counter to raise
         * @param amount by how much
         */
        public void add(Counter counter, long amount) {
            add(counter.ordinal(), amount);
        }

        /** @param refusal the refusal to count once */
        public void refused(Refusal refusal) {
            add(FIRST_REFUSAL + refusal.ordinal(), 1);
        }

        /** @param failure the failure to count once */
        public void failed(Failure failure) {
            add(FIRST_FAILURE + failure.ordinal(), 1);
        }

        private void add(int slot, long amount) {
            int index = PADDING + slot;
            if (shared) {
                SLOT.getAndAdd(slots, index, amount);
            } else {
                SLOT.setOpaque(slots, index, (long) SLOT.getOpaque(slots, index) + amount);
            }
        }
    }
}
