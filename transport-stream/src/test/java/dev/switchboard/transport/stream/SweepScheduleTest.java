package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A loop sweeps once a second at most, and within a quarter of the hold timeout only while something is held. */
class SweepScheduleTest {

    private static final long MS = 1_000_000;
    private static final Duration HOLD = Duration.ofMillis(200);
    private static final Duration NONE = Duration.ZERO;

    @Test
    void sweepsOnceASecondWhenEveryTimeoutIsLonger() {
        SweepSchedule schedule = new SweepSchedule(HOLD, 0, Duration.ofMinutes(5), Duration.ofSeconds(30), NONE);
        assertEquals(1_000 * MS, schedule.next());
        schedule.swept(1_000 * MS, false);
        assertEquals(2_000 * MS, schedule.next());
    }

    @Test
    void noticesATimeoutWithinAQuarterOfIt() {
        SweepSchedule schedule = new SweepSchedule(NONE, 0, Duration.ofMillis(400), NONE, NONE);
        assertEquals(100 * MS, schedule.next());
    }

    @Test
    void neverSweepsMoreOftenThanEveryTenMilliseconds() {
        SweepSchedule schedule = new SweepSchedule(Duration.ofMillis(1), 0, Duration.ofMillis(8));
        assertEquals(10 * MS, schedule.next());
        schedule.holdBegan(0);
        assertEquals(10 * MS, schedule.next());
    }

    @Test
    void aHeldPartialRequestBringsTheNextSweepForwardToAQuarterOfTheHold() {
        SweepSchedule schedule = new SweepSchedule(HOLD, 0, Duration.ofSeconds(30));
        schedule.holdBegan(300 * MS);
        assertEquals(350 * MS, schedule.next());
        assertFalse(schedule.isDue(349 * MS));
        assertTrue(schedule.isDue(350 * MS));
    }

    @Test
    void aHoldNeverPutsTheNextSweepOff() {
        SweepSchedule schedule = new SweepSchedule(HOLD, 0, Duration.ofSeconds(30));
        schedule.holdBegan(980 * MS);
        assertEquals(1_000 * MS, schedule.next());
    }

    @Test
    void sweepsWithinAQuarterOfTheHoldWhileSomethingIsStillHeldThenOnceASecondAgain() {
        SweepSchedule schedule = new SweepSchedule(HOLD, 0, Duration.ofSeconds(30));
        schedule.swept(1_000 * MS, true);
        assertEquals(1_050 * MS, schedule.next());
        schedule.swept(1_050 * MS, false);
        assertEquals(2_050 * MS, schedule.next());
    }

    @Test
    void aCodecThatHoldsNothingForATimeKeepsTheLongInterval() {
        SweepSchedule schedule = new SweepSchedule(NONE, 0, Duration.ofSeconds(30));
        schedule.holdBegan(0);
        schedule.swept(0, true);
        assertEquals(1_000 * MS, schedule.next());
    }

    @Test
    void comesFromTheEndpointsSettings() {
        StreamSettings raw = StreamSettings.from(TestServer.context("framing = raw, idle-timeout = 2s", null));
        SweepSchedule schedule = SweepSchedule.of(raw, 0);
        assertEquals(500 * MS, schedule.next());
        schedule.holdBegan(0);
        assertEquals(raw.codec().holdTimeout().toNanos() / 4, schedule.next());
    }
}
