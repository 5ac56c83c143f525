package dev.switchboard.transport;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * A per-source rate limit: a {@link TokenBucket} for each source, in a table of bounded size, with an
 * optional cool-down: a source that finds its bucket empty is refused, and if a cool-down is set, it
 * is then refused for that long whatever its bucket holds (refusals during the cool-down do not
 * extend it). Safe from any thread: the table is split into sets of eight entries, each set
 * guarded by one of 64 locks, held for a scan of eight entries; a lookup allocates
 * nothing.
 *
 * <p>The table holds at most {@link #capacity()} sources. A source's set is chosen by a hash seeded
 * afresh for each table, so that no one can aim many sources at one set. A source not in its set
 * takes the place of the entry there that matters least: one whose bucket is full again and whose
 * cool-down is over (forgetting it changes nothing, since a source not tracked starts with a full
 * bucket), else the one that will be in that state soonest. So only when more than
 * {@code capacity()} sources are over their rate or cooling down at once can a source be forgotten
 * early, and then it starts again with a full bucket: past the cap the limit leaks, but memory stays
 * bounded and no new source is ever refused for want of room.
 */
public final class SourceRates {

    private static final int WAYS = 8;
    private static final int STRIPES = 64;

    private final TokenBucket bucket;
    private final long coolDownNanos;
    private final int sets;
    private final long seed = newSeed();
    private final Object[] locks = new Object[STRIPES];
    private final boolean[] used;
    private final long[] highs;
    private final long[] lows;
    private final long[] fullAt;
    private final long[] coolUntil;

    /**
     * @param bucket each source's rate and burst
     * @param coolDown how long a source over its rate is refused; {@link Duration#ZERO} = not at all
     *     beyond what its bucket says
     * @param maxSources how many sources to track at most, rounded up to a multiple of eight
     */
    public SourceRates(TokenBucket bucket, Duration coolDown, int maxSources) {
        this.bucket = bucket;
        this.coolDownNanos = coolDown.toNanos();
        this.sets = Math.max(1, (maxSources + WAYS - 1) / WAYS);
        int capacity = sets * WAYS;
        this.used = new boolean[capacity];
        this.highs = new long[capacity];
        this.lows = new long[capacity];
        this.fullAt = new long[capacity];
        this.coolUntil = new long[capacity];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** @return how many sources are tracked at most */
    public int capacity() {
        return used.length;
    }

    /**
     * A seed from the kernel's random source: the first {@link SecureRandom} of a process loads the
     * security providers, tens of milliseconds of processor time in a start that has none to spare
     * (docs/DECISIONS.md); a {@link SecureRandom}'s where there is no {@code /dev/urandom}.
     */
    private static long newSeed() {
        try (InputStream random = new FileInputStream("/dev/urandom")) {
            byte[] bytes = random.readNBytes(Long.BYTES);
            if (bytes.length == Long.BYTES) {
                return ByteBuffer.wrap(bytes).getLong();
            }
        } catch (IOException e) {
            // not Linux nor a Unix: the portable way
        }
        return new SecureRandom().nextLong();
    }

    /**
     * Takes a token for one event (a connection, a datagram) from {@code source}.
     *
     * @param source the source
     * @param now the time now, in {@link System#nanoTime()} terms
     * @return whether the event is within the source's rate; if not, it is refused
     */
    public boolean tryAcquire(SourceKey source, long now) {
        int set = setOf(source.high(), source.low());
        synchronized (locks[set % STRIPES]) {
            return take(slot(set * WAYS, source.high(), source.low(), now), now);
        }
    }

    private boolean take(int slot, long now) {
        if (coolUntil[slot] - now > 0) {
            return false;
        }
        if (bucket.hasToken(fullAt[slot], now)) {
            fullAt[slot] = bucket.take(fullAt[slot], now);
            return true;
        }
        if (coolDownNanos > 0) {
            coolUntil[slot] = now + coolDownNanos;
        }
        return false;
    }

    /** @return the source's entry in the set starting at {@code first}, made if it had none */
    private int slot(int first, long high, long low, long now) {
        int victim = first;
        long victimQuiet = Long.MAX_VALUE;
        for (int i = first; i < first + WAYS; i++) {
            if (used[i] && highs[i] == high && lows[i] == low) {
                return i;
            }
            // a free entry first; else the one whose forgetting changes nothing, or will soonest
            long quiet = used[i] ? Math.max(fullAt[i] - now, coolUntil[i] - now) : Long.MIN_VALUE;
            if (quiet < victimQuiet) {
                victim = i;
                victimQuiet = quiet;
            }
        }
        used[victim] = true;
        highs[victim] = high;
        lows[victim] = low;
        fullAt[victim] = now;
        coolUntil[victim] = now;
        return victim;
    }

    private int setOf(long high, long low) {
        long h = (high ^ seed) * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 29) ^ low) * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return Math.floorMod(h, sets);
    }
}
