package dev.switchboard.benchmarks.runner;

import static dev.switchboard.benchmarks.runner.Fixtures.NETTY_EPOLL;
import static dev.switchboard.benchmarks.runner.Fixtures.SWITCHBOARD;
import static dev.switchboard.benchmarks.runner.Fixtures.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.benchmarks.load.Result;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

    private final Scenario pingPong = Fixtures.options().scenarios().get(0);
    private final Measurements measurements = new Measurements();

    /** Adds the server's runs of rounds 1, 2, ...: a rate each, NaN for a round whose run failed. */
    private void rounds(Contender contender, double... rates) {
        for (int i = 0; i < rates.length; i++) {
            if (!Double.isNaN(rates[i])) {
                measurements.add(i + 1, pingPong, contender, result(pingPong, contender.name(), rates[i], 50));
            }
        }
    }

    @Test
    void pairsTheServersRunsRoundByRound() {
        rounds(SWITCHBOARD, 1000, 1100, 3000);
        rounds(NETTY_EPOLL, 2000, 1000, 1200);
        assertEquals(Optional.of(new Spread(1.1, 0.5, 2.5)),
                measurements.ratio(pingPong, SWITCHBOARD, NETTY_EPOLL, Result::messagesPerSecond));
    }

    @Test
    void leavesOutARoundInWhichOneServerFailed() {
        rounds(SWITCHBOARD, 1000, 5000, Double.NaN);
        rounds(NETTY_EPOLL, 500, Double.NaN, 100);
        assertEquals(Optional.of(new Spread(2.0, 2.0, 2.0)),
                measurements.ratio(pingPong, SWITCHBOARD, NETTY_EPOLL, Result::messagesPerSecond));
    }

    @Test
    void hasNoRatioWithoutACommonRoundOrWithAZeroDivisor() {
        rounds(SWITCHBOARD, 1000);
        rounds(NETTY_EPOLL, Double.NaN, 1000);
        assertTrue(measurements.ratio(pingPong, SWITCHBOARD, NETTY_EPOLL, Result::messagesPerSecond).isEmpty());
        rounds(NETTY_EPOLL, 0);
        assertTrue(measurements.ratio(pingPong, SWITCHBOARD, NETTY_EPOLL, Result::messagesPerSecond).isEmpty());
    }

    @Test
    void pairsCpuPerRequestRoundByRound() {
        measurements.cpu(1, pingPong, SWITCHBOARD, ServerProfile.of(0.008, 0, 0, 1000, Optional.empty(), 0));
        measurements.cpu(1, pingPong, NETTY_EPOLL, ServerProfile.of(0.010, 0, 0, 1000, Optional.empty(), 0));
        measurements.cpu(2, pingPong, SWITCHBOARD, ServerProfile.of(0.030, 0, 0, 1000, Optional.empty(), 0));
        measurements.cpu(2, pingPong, NETTY_EPOLL, ServerProfile.of(0.020, 0, 0, 1000, Optional.empty(), 0));
        Spread ratio = measurements.cpuRatio(pingPong, SWITCHBOARD, NETTY_EPOLL).orElseThrow();
        assertEquals(1.15, ratio.median(), 1e-9);
        assertEquals(0.8, ratio.min(), 1e-9);
        assertEquals(1.5, ratio.max(), 1e-9);
    }
}
