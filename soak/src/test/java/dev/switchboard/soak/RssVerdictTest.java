package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

class RssVerdictTest {

    private static final long MIB = 1024;
    private static final Duration THREE_MINUTES = Duration.ofMinutes(3);

    /** One sample a second for {@code seconds}, each {@code kib.applyAsLong(second)}. */
    private static List<Rss.Sample> samples(long seconds, LongUnaryOperator kib) {
        List<Rss.Sample> samples = new ArrayList<>();
        for (long second = 0; second < seconds; second++) {
            samples.add(new Rss.Sample(second, kib.applyAsLong(second)));
        }
        return samples;
    }

    private static RssVerdict judge(List<Rss.Sample> samples, Duration duration) {
        return RssVerdict.judge(samples, duration).orElseThrow();
    }

    @Test
    void growthDuringWarmUpThenFlatPasses() {
        RssVerdict verdict = judge(samples(180, s -> s < 40 ? (60 + s * 2) * MIB : 140 * MIB), THREE_MINUTES);

        assertFalse(verdict.grew());
        assertEquals(0, verdict.growthKib());
    }

    @Test
    void steadyGrowthAfterWarmUpBeyondTheAllowanceFails() {
        RssVerdict verdict = judge(samples(180, s -> 100 * MIB + s * MIB / 2), THREE_MINUTES); // 30 MiB a minute

        assertTrue(verdict.grew());
        assertEquals(30 * MIB, verdict.growthKib());
    }

    @Test
    void comparesTheMinuteAfterAMinutesWarmUpWithTheLastMinuteOfAThreeMinuteRun() {
        RssVerdict verdict = judge(samples(180, s -> s * MIB), THREE_MINUTES);

        assertEquals(new RssVerdict.Window(60, 120, 60, 89 * MIB), verdict.baseline());
        assertEquals(new RssVerdict.Window(120, 180, 60, 149 * MIB), verdict.last());
    }

    @Test
    void aShortRunWarmsUpForAThirdOfItAndComparesItsLastTwoThirds() {
        RssVerdict verdict = judge(samples(60, s -> 100 * MIB), Duration.ofSeconds(60));

        assertEquals(20, verdict.baseline().from());
        assertEquals(40, verdict.baseline().to());
        assertEquals(40, verdict.last().from());
        assertEquals(60, verdict.last().to());
    }

    @Test
    void aLongRunComparesMinutesFurtherApart() {
        RssVerdict verdict = judge(samples(480, s -> 100 * MIB), Duration.ofMinutes(8));

        assertEquals(new RssVerdict.Window(60, 120, 60, 100 * MIB), verdict.baseline());
        assertEquals(new RssVerdict.Window(420, 480, 60, 100 * MIB), verdict.last());
    }

    @Test
    void allowsSixteenMib() {
        assertFalse(judge(samples(180, s -> s < 120 ? 100 * MIB : 116 * MIB), THREE_MINUTES).grew());
        assertTrue(judge(samples(180, s -> s < 120 ? 100 * MIB : 116 * MIB + 1), THREE_MINUTES).grew());
    }

    @Test
    void allowsSixteenMibWhateverTheBaselineSinceTheHeapIsResidentThroughout() {
        assertTrue(judge(samples(180, s -> s < 120 ? 400 * MIB : 417 * MIB), THREE_MINUTES).grew());
    }

    @Test
    void aFewHighSamplesInTheLastMinuteDoNotMoveItsMedian() {
        RssVerdict verdict = judge(samples(180, s -> s % 10 == 0 ? 300 * MIB : 100 * MIB), THREE_MINUTES);

        assertFalse(verdict.grew());
    }

    @Test
    void givesNoVerdictWhenAWindowHasNoSample() {
        assertTrue(RssVerdict.judge(samples(100, s -> 100 * MIB), THREE_MINUTES).isEmpty());
    }

    @Test
    void theMedianOfAnEvenCountIsTheLowerMiddleValue() {
        assertEquals(2, RssVerdict.median(List.of(4L, 1L, 2L, 3L)));
        assertEquals(3, RssVerdict.median(List.of(5L, 3L, 1L)));
    }
}
