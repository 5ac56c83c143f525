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
        ServerProfile profile = ServerProfile.of(2.5, 1.0, 0.5, 500_000, Optional.empty(), 0);
        assertEquals(5.0, profile.cpuMicros(), 1e-9);
        assertEquals(2.0, profile.systemMicros(), 1e-9);
        assertEquals(1.0, profile.compilerMicros(), 1e-9);
        assertTrue(profile.syscalls().isEmpty());
    }

    @Test
    void dividesCountsByTheRequestsOfTheCountersOwnWindow() {
        SyscallCounts counts = new SyscallCounts(Map.of("recvfrom", 1000L, "sendto", 1000L, "epoll_wait", 50L),
                Map.of("recvfrom", 10L));
        ServerProfile profile = ServerProfile.of(1, 0, 0, 1_000_000, Optional.of(counts), 990);
        assertEquals(1.0, profile.cpuMicros(), 1e-9);
        assertEquals(1000 / 990.0, profile.syscalls().get().get("recvfrom"), 1e-9);
        assertEquals(10 / 990.0, profile.failedSyscalls().get("recvfrom"), 1e-9);
        assertEquals(2050 / 990.0, profile.totalSyscalls(), 1e-9);
        assertEquals(List.of("recvfrom", "sendto"), profile.top(2).stream().sorted().toList());
    }

    @Test
    void tellsHowManyRequestsOneReceiveCallBringsIn() {
        SyscallCounts counts = new SyscallCounts(Map.of("recvmmsg", 500L, "sendmmsg", 400L), Map.of());
        ServerProfile profile = ServerProfile.of(1, 0, 0, 8_000, Optional.of(counts), 8_000);
        assertEquals(16.0, 1 / profile.syscalls(ServerProfile.RECEIVES), 1e-9);
        assertEquals(20.0, 1 / profile.syscalls(ServerProfile.SENDS), 1e-9);
    }
}
