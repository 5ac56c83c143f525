package dev.switchboard.soak;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Whether the server's resident memory kept growing once warm: the median of the last window of
 * the run against the median of the window right after warm-up. A median ignores the odd sample
 * taken in the middle of a collection. The server's heap is resident from its start (see
 * {@link ServerProcess}), so what can grow is memory outside it: code the JIT compiles, direct
 * buffers, threads, what native code allocates. The allowance, {@value #ALLOWED_MIB} MiB, is
 * several times what that moved by between the two windows of healthy runs, and the growth of a
 * leak of a couple of KiB per connection or a hundred bytes per request within the three-minute
 * default (the soak's README has the numbers).
 *
 * @param baseline the window after warm-up and its median
 * @param last the last window and its median
 * @param allowedKib how far the last median may be above the first
 */
record RssVerdict(Window baseline, Window last, long allowedKib) {

    static final int ALLOWED_MIB = 16;
    static final Duration MAX_WARM_UP = Duration.ofSeconds(60);
    static final Duration MAX_WINDOW = Duration.ofSeconds(60);

    /**
     * @param from first second of the window, since the server was ready
     * @param to the second after its last
     * @param samples how many samples fell in it
     * @param medianKib their median
     */
    record Window(long from, long to, int samples, long medianKib) {}

    /** @return how much the last median is above the first, in KiB (negative if below) */
    long growthKib() {
        return last.medianKib() - baseline.medianKib();
    }

    /** @return whether it grew beyond the allowance */
    boolean grew() {
        return growthKib() > allowedKib;
    }

    /**
     * @param samples one a second, in order
     * @param duration how long the traffic ran
     * @return the verdict, or empty if a window has no sample (the server died before it)
     */
    static Optional<RssVerdict> judge(List<Rss.Sample> samples, Duration duration) {
        long seconds = duration.toSeconds();
        long warmUp = Math.min(MAX_WARM_UP.toSeconds(), seconds / 3);
        long window = Math.min(MAX_WINDOW.toSeconds(), seconds / 3);
        Optional<Window> baseline = window(samples, warmUp, warmUp + window);
        Optional<Window> last = window(samples, seconds - window, seconds);
        if (baseline.isEmpty() || last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RssVerdict(baseline.get(), last.get(), ALLOWED_MIB * 1024L));
    }

    private static Optional<Window> window(List<Rss.Sample> samples, long from, long to) {
        List<Long> in = samples.stream().filter(s -> s.second() >= from && s.second() < to).map(Rss.Sample::kib).toList();
        return in.isEmpty() ? Optional.empty() : Optional.of(new Window(from, to, in.size(), median(in)));
    }

    /**
     * @param values not empty
     * @return the middle value once sorted; of two middle values, the lower
     */
    static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() - 1) / 2);
    }
}
