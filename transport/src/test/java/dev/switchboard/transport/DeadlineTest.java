package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    @Test
    void aNegativeGraceCountsAsZero() {
        Deadline deadline = Deadline.after(Duration.ofSeconds(-5));

        assertEquals(Duration.ZERO, deadline.grace());
        assertEquals(Duration.ZERO, deadline.remaining());
    }

    @Test
    void aGraceOverADayIsADay() {
        Deadline deadline = Deadline.after(Duration.ofDays(365_000));

        assertEquals(Duration.ofDays(1), deadline.grace());
        assertTrue(deadline.nanos() - System.nanoTime() > 0, "no overflow");
    }

    @Test
    void whatRemainsShrinksFromTheGrace() {
        Deadline deadline = Deadline.after(Duration.ofMinutes(1));

        Duration remaining = deadline.remaining();
        assertTrue(remaining.compareTo(Duration.ofMinutes(1)) <= 0 && remaining.compareTo(Duration.ofSeconds(50)) > 0,
                remaining::toString);
    }
}
