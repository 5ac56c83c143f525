package dev.switchboard.benchmarks.runner;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What serving cost the server per request in one run's measured window.
 *
 * @param cpuMicros server CPU time (user + system, all threads) per request, µs
 * @param systemMicros of that, the time in the kernel (system calls and the network stack under them), µs
 * @param compilerMicros of that, the JIT compiler threads' time, µs: compiling, not serving
 * @param syscalls system calls per request by name, if they were counted in this run
 * @param failedSyscalls of those, the failed calls per request by name (strace only; else empty)
 */
record ServerProfile(double cpuMicros, double systemMicros, double compilerMicros, Optional<Map<String, Double>> syscalls, Map<String, Double> failedSyscalls) {

    /** The calls that read from a socket: their count per request shows how many requests one call brings in. */
    static final Set<String> RECEIVES = Set.of("read", "readv", "recvfrom", "recvmsg", "recvmmsg");
    /** The calls that write to a socket. */
    static final Set<String> SENDS = Set.of("write", "writev", "sendto", "sendmsg", "sendmmsg");

    /**
     * @param cpuSeconds the server's CPU seconds over the window
     * @param systemSeconds of those, the seconds in the kernel
     * @param compilerSeconds of those, the JIT compiler threads' seconds
     * @param cpuRequests the requests (connections, for churn) served in that window
     * @param counts the system calls it made over the counter's window, if counted
     * @param countedRequests the requests served in the counter's window
     */
    static ServerProfile of(double cpuSeconds, double systemSeconds, double compilerSeconds, double cpuRequests, Optional<SyscallCounts> counts, double countedRequests) {
        if (cpuRequests <= 0 || counts.isPresent() && countedRequests <= 0) {
            throw new IllegalArgumentException("no requests in the window");
        }
        Optional<Map<String, Double>> perRequest = counts.map(c -> perRequest(c.calls(), countedRequests));
        Map<String, Double> failed = counts.map(c -> perRequest(c.errors(), countedRequests)).orElse(Map.of());
        return new ServerProfile(cpuSeconds * 1e6 / cpuRequests, systemSeconds * 1e6 / cpuRequests,
                compilerSeconds * 1e6 / cpuRequests, perRequest, failed);
    }

    /** @return system calls per request, all names */
    double totalSyscalls() {
        return syscalls.orElse(Map.of()).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** @return calls of the given names per request */
    double syscalls(Set<String> names) {
        return syscalls.orElse(Map.of()).entrySet().stream().filter(e -> names.contains(e.getKey()))
                .mapToDouble(Map.Entry::getValue).sum();
    }

    /** @return the names with the most calls per request, most first, at most {@code limit} */
    List<String> top(int limit) {
        return syscalls.orElse(Map.of()).entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .limit(limit).map(Map.Entry::getKey).toList();
    }

    private static Map<String, Double> perRequest(Map<String, Long> counts, double requests) {
        Map<String, Double> rates = new LinkedHashMap<>();
        counts.forEach((name, count) -> rates.put(name, count / requests));
        return rates;
    }
}
