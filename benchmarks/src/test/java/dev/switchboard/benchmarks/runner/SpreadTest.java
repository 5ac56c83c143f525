package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void takesTheMiddleValueOfAnOddCount() {
        assertEquals(new Spread(5, 1, 9), Spread.of(List.of(9.0, 1.0, 5.0), v -> v));
    }

    @Test
    void averagesTheMiddleTwoOfAnEvenCount() {
        assertEquals(new Spread(4, 1, 9), Spread.of(List.of(9.0, 1.0, 5.0, 3.0), v -> v));
    }

    @Test
    void refusesNoValues() {
        assertThrows(IllegalArgumentException.class, () -> Spread.of(List.<Double>of(), v -> v));
    }
}
