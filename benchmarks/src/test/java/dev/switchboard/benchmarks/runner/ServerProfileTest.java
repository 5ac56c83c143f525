package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerProfileTest {

    @Test
    void dividesCpuTimeByTheRequestsOfTheWindow() {
        ServerProfile profile = ServerProfile.of(2.5, Optional.empty(), 500_000, 50_000);
        assertEquals(5.0, profile.cpuMicros(), 1e-9);
        assertTrue(profile.syscalls().isEmpty());
    }

    @Test
    void dividesCountsOverTheWholeWindowByItsRequests() {
        SyscallCounts counts = new SyscallCounts(Map.of("recvfrom", 1000L, "sendto", 1000L, "epoll_wait", 50L),
                Map.of("recvfrom", 10L), Map.of());
        ServerProfile profile = ServerProfile.of(1, Optional.of(counts), 990, 1e9);
        assertEquals(1000 / 990.0, profile.syscalls().get().get("recvfrom"), 1e-9);
        assertEquals(10 / 990.0, profile.failedSyscalls().get("recvfrom"), 1e-9);
        assertEquals(2050 / 990.0, profile.totalSyscalls(), 1e-9);
        assertEquals(List.of("recvfrom", "sendto"), profile.top(2).stream().sorted().toList());
    }

    @Test
    void dividesRatesOfCountersEnabledForPartOfTheWindowByTheThroughput() {
        SyscallCounts counts = new SyscallCounts(Map.of("recvmmsg", 1000L), Map.of(), Map.of("recvmmsg", 2.0));
        // 500 calls a second at 8,000 requests a second, whatever the window's requests
        ServerProfile profile = ServerProfile.of(1, Optional.of(counts), 123_456, 8_000);
        assertEquals(500 / 8000.0, profile.syscalls().get().get("recvmmsg"), 1e-12);
        assertEquals(16.0, 1 / profile.syscalls(ServerProfile.RECEIVES), 1e-9);
    }
}
