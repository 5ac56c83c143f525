package dev.switchboard.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.EndpointObserver;
import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class AdminEndpointTest {

    private static final InetSocketAddress FREE_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final TransportStats TCP_STATS = new TransportStats(2, 5, 3, 3, 15, 15,
            Map.of("max-connections", 1L, "idle-timeout", 4L), Map.of("service", 2L));
    private static final TransportStats UDP_STATS = new TransportStats(0, 0, 7, 6, 35, 30,
            Map.of("kernel-receive-buffer", 9L), Map.of());

    private static final MemoryBudget BUDGET = MemoryBudget.of(1 << 20);

    private final List<EndpointStatus> endpoints = new CopyOnWriteArrayList<>();
    private final AdminEndpoint admin = new AdminEndpoint(FREE_PORT, BUDGET);

    @AfterEach
    void close() {
        admin.close();
    }

    private void endpoints(EndpointState tcp, EndpointState udp) {
        endpoints.clear();
        endpoints.add(new EndpointStatus("tcp", "tcp", tcp, TCP_STATS));
        endpoints.add(new EndpointStatus("udp", "udp", udp, UDP_STATS));
    }

    @Test
    void servesEveryEndpointsCountersAsPrometheusText() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);
        InetSocketAddress address = admin.start(() -> endpoints);

        Http metrics = Http.get(address, "/metrics");

        assertEquals(200, metrics.status());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        String body = metrics.body();
        for (String line : List.of(
                "switchboard_requests_total{endpoint=\"tcp\",transport=\"tcp\"} 3.0",
                "switchboard_requests_total{endpoint=\"udp\",transport=\"udp\"} 7.0",
                "switchboard_replies_total{endpoint=\"udp\",transport=\"udp\"} 6.0",
                "switchboard_bytes_received_total{endpoint=\"udp\",transport=\"udp\"} 35.0",
                "switchboard_bytes_sent_total{endpoint=\"udp\",transport=\"udp\"} 30.0",
                "switchboard_refusals_total{endpoint=\"tcp\",reason=\"idle-timeout\",transport=\"tcp\"} 4.0",
                "switchboard_refusals_total{endpoint=\"tcp\",reason=\"max-connections\",transport=\"tcp\"} 1.0",
                "switchboard_service_failures_total{endpoint=\"tcp\",transport=\"tcp\"} 2.0",
                "switchboard_connections_open{endpoint=\"tcp\",transport=\"tcp\"} 2.0",
                "switchboard_kernel_drops_total{endpoint=\"udp\",transport=\"udp\"} 9.0")) {
            assertTrue(body.contains("\n" + line + "\n"), line + " in\n" + body);
        }
    }

    @Test
    void servesTheMemoryBudgetsUseLimitAndPauses() throws IOException {
        MemoryBudget budget = MemoryBudget.of(1 << 20);
        assertTrue(budget.tryReserve(4096));
        budget.countPause();
        try (AdminEndpoint observed = new AdminEndpoint(FREE_PORT, budget)) {
            String body = Http.get(observed.start(List::of), "/metrics").body();

            for (String line : List.of("switchboard_memory_budget_used_bytes 4096.0",
                    "switchboard_memory_budget_limit_bytes 1048576.0", "switchboard_memory_budget_pauses_total 1.0")) {
                assertTrue(body.contains("\n" + line + "\n"), line + " in\n" + body);
            }
        }
    }

    @Test
    void hasNoConnectionsOfADatagramEndpointAndNoKernelDropsOfAStreamOne() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);
        String body = Http.get(admin.start(() -> endpoints), "/metrics").body();

        assertFalse(body.contains("switchboard_connections_open{endpoint=\"udp\""), body);
        assertFalse(body.contains("switchboard_kernel_drops_total{endpoint=\"tcp\""), body);
    }

    @Test
    void servesTheJvmsStandardMetrics() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);
        String body = Http.get(admin.start(() -> endpoints), "/metrics").body();

        assertTrue(body.contains("\njvm_memory_used_bytes{area=\"heap\"} "), body);
        assertTrue(body.contains("\njvm_threads_current "), body);
    }

    @Test
    void readsTheCountersAtEachScrape() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);
        InetSocketAddress address = admin.start(() -> endpoints);
        Http.get(address, "/metrics");
        endpoints.set(0, new EndpointStatus("tcp", "tcp", EndpointState.SERVING,
                new TransportStats(0, 5, 40, 40, 200, 200, Map.of(), Map.of())));

        assertTrue(Http.get(address, "/metrics").body()
                .contains("\nswitchboard_requests_total{endpoint=\"tcp\",transport=\"tcp\"} 40.0\n"));
    }

    @Test
    void histogramsEachEndpointsServiceTimesFromItsObserver() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);
        admin.serviceTimes().observe("tcp", "tcp").requestServed(2_000_000);
        admin.serviceTimes().observe("tcp", "tcp").requestServed(20_000_000);

        String body = Http.get(admin.start(() -> endpoints), "/metrics").body();

        assertTrue(body.contains("\nswitchboard_service_seconds_bucket{endpoint=\"tcp\",transport=\"tcp\",le=\"0.001\"} 0\n"), body);
        assertTrue(body.contains("\nswitchboard_service_seconds_bucket{endpoint=\"tcp\",transport=\"tcp\",le=\"0.005\"} 1\n"), body);
        assertTrue(body.contains("\nswitchboard_service_seconds_bucket{endpoint=\"tcp\",transport=\"tcp\",le=\"0.05\"} 2\n"), body);
        assertTrue(body.contains("\nswitchboard_service_seconds_count{endpoint=\"tcp\",transport=\"tcp\"} 2\n"), body);
        assertTrue(body.contains("\nswitchboard_service_seconds_sum{endpoint=\"tcp\",transport=\"tcp\"} 0.022\n"), body);
    }

    @Test
    void isLiveWheneverItAnswers() throws IOException {
        endpoints(EndpointState.STARTING, EndpointState.STARTING);

        Http live = Http.get(admin.start(() -> endpoints), "/health/live");

        assertEquals(200, live.status());
        assertEquals("{\"status\":\"live\"}", live.body());
    }

    @Test
    void isReadyOnlyWhenEveryEndpointServes() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);

        Http ready = Http.get(admin.start(() -> endpoints), "/health/ready");

        assertEquals(200, ready.status());
        assertEquals("application/json; charset=utf-8", ready.contentType());
        assertEquals("{\"status\":\"ready\",\"endpoints\":{\"tcp\":\"serving\",\"udp\":\"serving\"}}", ready.body());
    }

    @Test
    void isNotReadyWhileAnEndpointStarts() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.STARTING);

        Http ready = Http.get(admin.start(() -> endpoints), "/health/ready");

        assertEquals(503, ready.status());
        assertEquals("{\"status\":\"not ready\",\"endpoints\":{\"tcp\":\"serving\",\"udp\":\"starting\"}}", ready.body());
    }

    @Test
    void isNotReadyOnceAnEndpointDrains() throws IOException {
        endpoints(EndpointState.SERVING, EndpointState.SERVING);
        InetSocketAddress address = admin.start(() -> endpoints);
        assertEquals(200, Http.get(address, "/health/ready").status());

        endpoints(EndpointState.DRAINING, EndpointState.DRAINING);

        Http ready = Http.get(address, "/health/ready");
        assertEquals(503, ready.status());
        assertEquals("{\"status\":\"not ready\",\"endpoints\":{\"tcp\":\"draining\",\"udp\":\"draining\"}}", ready.body());
    }

    @Test
    void isNotReadyWithoutEndpoints() throws IOException {
        Http ready = Http.get(admin.start(List::of), "/health/ready");

        assertEquals(503, ready.status());
        assertEquals("{\"status\":\"not ready\",\"endpoints\":{}}", ready.body());
    }

    @Test
    void quotesEndpointNamesInTheJsonBody() throws IOException {
        endpoints.add(new EndpointStatus("a \"quoted\\name\"", "tcp", EndpointState.SERVING, TCP_STATS));

        Http ready = Http.get(admin.start(() -> endpoints), "/health/ready");

        assertEquals("{\"status\":\"ready\",\"endpoints\":{\"a \\\"quoted\\\\name\\\"\":\"serving\"}}", ready.body());
    }

    @Test
    void failsToBindAnAddressInUseAndCanBeClosedAfter() throws IOException {
        InetSocketAddress taken = admin.start(List::of);
        AdminEndpoint second = new AdminEndpoint(taken, BUDGET);

        assertThrows(BindException.class, () -> second.start(List::of));
        second.close();
    }

    @Test
    void releasesItsAddressWhenClosed() throws IOException {
        InetSocketAddress address = admin.start(List::of);
        admin.close();

        AdminEndpoint again = new AdminEndpoint(address, BUDGET);
        try {
            assertEquals(address, again.start(List::of));
        } finally {
            again.close();
        }
    }

    @Test
    void observesAServiceTimeWithoutAllocating() throws ReflectiveOperationException {
        EndpointObserver observer = admin.serviceTimes().observe("tcp", "tcp");
        int requests = 200_000;
        for (int i = 0; i < requests; i++) { // warm up: the interpreter and the JIT alike must not allocate
            observer.requestServed(i);
        }
        long before = allocatedBytes();
        for (int i = 0; i < requests; i++) {
            observer.requestServed(i);
        }
        long allocated = allocatedBytes() - before;
        assertTrue(allocated < 4096, allocated + " bytes allocated for " + requests + " service times");
    }

    /** @return what this thread has allocated so far, as HotSpot counts it; by reflection, as tests do not read jdk.management */
    private static long allocatedBytes() throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes")
                .invoke(threads);
    }
}
