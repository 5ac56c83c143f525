package dev.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void aReservationThatWouldPassTheLimitFailsAndReservesNothing() {
        MemoryBudget budget = MemoryBudget.of(100);
        assertTrue(budget.tryReserve(60));
        assertFalse(budget.tryReserve(41));
        assertEquals(60, budget.used());
        assertTrue(budget.tryReserve(40), "exactly the limit fits");
        assertEquals(100, budget.used());
    }

    @Test
    void isNearAboveThreeQuartersAndEasedAtHalf() {
        MemoryBudget budget = MemoryBudget.of(100);
        budget.tryReserve(75);
        assertFalse(budget.isNear());
        budget.tryReserve(1);
        assertTrue(budget.isNear());
        budget.release(26);
        assertTrue(budget.isEased());
    }

    @Test
    void countsThePausesItCaused() {
        MemoryBudget budget = MemoryBudget.of(100);
        budget.countPause();
        budget.countPause();
        assertEquals(2, budget.pauses());
        assertTrue(budget.toString().contains("2 pauses"), budget.toString());
    }
}
