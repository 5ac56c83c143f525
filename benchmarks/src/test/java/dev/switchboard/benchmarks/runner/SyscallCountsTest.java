package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyscallCountsTest {

    private static String sample(String name) throws IOException {
        try (InputStream in = SyscallCountsTest.class.getResourceAsStream("/profile/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsStracesCallsAndErrorsPerName() throws IOException {
        SyscallCounts counts = SyscallCounts.parseStrace(sample("strace-netty-epoll-udp.txt"));
        assertEquals(2812, counts.calls().get("recvmmsg"));
        assertEquals(2807, counts.calls().get("sendmmsg"));
        assertEquals(3, counts.errors().get("recvmmsg"));
        assertEquals(53, counts.errors().get("futex"));
        assertFalse(counts.errors().containsKey("sendmmsg"), "a blank errors cell is no errors");
    }

    @Test
    void leavesStracesTotalRowOutAndAddsUpToIt() throws IOException {
        SyscallCounts counts = SyscallCounts.parseStrace(sample("strace-netty-epoll-udp.txt"));
        assertFalse(counts.calls().containsKey("total"));
        assertEquals(13095, counts.calls().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(15, counts.calls().size());
    }

    @Test
    void refusesTextWithoutAStraceTable() {
        assertThrows(IllegalArgumentException.class, () -> SyscallCounts.parseStrace("strace: attach: ptrace(PTRACE_SEIZE, 1): "
                + "Operation not permitted\n"));
    }

    @Test
    void readsPerfsCountsPerName() throws IOException {
        SyscallCounts counts = SyscallCounts.parsePerf(sample("perf-netty-epoll-udp.csv"));
        assertEquals(11318, counts.calls().get("recvmmsg"));
        assertEquals(9950, counts.calls().get("sendmmsg"));
        assertEquals(47068, counts.calls().values().stream().mapToLong(Long::longValue).sum(), "the named calls and the others add up to the total");
        assertFalse(counts.calls().containsKey("write"), "names counted zero times are left out");
        assertEquals(Map.of(), counts.errors());
    }

    @Test
    void countsWhatPerfDidNotNameAsOthers() {
        String csv = """
                # started on Wed Dec  2 03:59:01 2026

                1000,,raw_syscalls:sys_enter,2000000000,100.00,,
                300,,syscalls:sys_enter_recvfrom,1000000000,100.00,,
                <not counted>,,syscalls:sys_enter_recvmmsg,0,100.00,,
                0,,syscalls:sys_enter_write,2000000000,100.00,,
                """;
        SyscallCounts counts = SyscallCounts.parsePerf(csv);
        assertEquals(300, counts.calls().get("recvfrom"));
        assertEquals(700, counts.calls().get(SyscallCounts.OTHERS));
        assertEquals(2, counts.calls().size());
    }

    @Test
    void refusesPerfOutputWithoutTheTotal() {
        assertThrows(IllegalArgumentException.class,
                () -> SyscallCounts.parsePerf("300,,syscalls:sys_enter_recvfrom,1000000000,100.00,,\n"));
    }
}
