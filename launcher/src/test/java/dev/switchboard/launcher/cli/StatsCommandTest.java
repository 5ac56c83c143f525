package dev.switchboard.launcher.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code switchboard stats} against an admin endpoint of the test's own serving Prometheus text. */
@Timeout(30)
class StatsCommandTest {

    private static final String EXPOSITION = """
            # HELP switchboard_requests_total Requests handed to the service chain.
            # TYPE switchboard_requests_total counter
            switchboard_requests_total{endpoint="tcp",transport="tcp"} 3.0
            switchboard_requests_total{endpoint="udp",transport="udp"} 7.0
            # TYPE switchboard_replies_total counter
            switchboard_replies_total{endpoint="tcp",transport="tcp"} 3.0
            switchboard_replies_total{endpoint="udp",transport="udp"} 5.0
            # TYPE switchboard_bytes_received_total counter
            switchboard_bytes_received_total{endpoint="tcp",transport="tcp"} 15.0
            switchboard_bytes_received_total{endpoint="udp",transport="udp"} 1.2345678E7
            # TYPE switchboard_bytes_sent_total counter
            switchboard_bytes_sent_total{endpoint="tcp",transport="tcp"} 15.0
            switchboard_bytes_sent_total{endpoint="udp",transport="udp"} 25.0
            # TYPE switchboard_refusals_total counter
            switchboard_refusals_total{endpoint="tcp",reason="too-large",transport="tcp"} 0.0
            switchboard_refusals_total{endpoint="udp",reason="forbidden-destination",transport="udp"} 1.0
            switchboard_refusals_total{endpoint="udp",reason="reply-amplification",transport="udp"} 1.0
            # TYPE switchboard_service_failures_total counter
            switchboard_service_failures_total{endpoint="tcp",transport="tcp"} 0.0
            switchboard_service_failures_total{endpoint="udp",transport="udp"} 0.0
            # TYPE switchboard_connections_open gauge
            switchboard_connections_open{endpoint="tcp",transport="tcp"} 1.0
            # TYPE switchboard_kernel_drops_total counter
            switchboard_kernel_drops_total{endpoint="udp",transport="udp"} 0.0
            # TYPE switchboard_service_seconds histogram
            switchboard_service_seconds_bucket{endpoint="tcp",transport="tcp",le="+Inf"} 3
            switchboard_service_seconds_count{endpoint="tcp",transport="tcp"} 3
            # TYPE jvm_threads_current gauge
            jvm_threads_current 12.0
            """;

    @TempDir
    Path home;

    private HttpServer admin;

    private String serve(int status, String body) throws IOException {
        admin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        admin.createContext("/metrics", exchange -> {
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        admin.start();
        return "127.0.0.1:" + admin.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        if (admin != null) {
            admin.stop(0);
        }
    }

    @Test
    void printsEachEndpointsCountersAsATableThenTheRefusalsByReason() throws IOException {
        Run run = Run.of(home, "stats", "--admin", serve(200, EXPOSITION));

        assertEquals(0, run.status(), run.toString());
        assertEquals("""
                ENDPOINT  TRANSPORT  REQUESTS  REPLIES  BYTES IN  BYTES OUT  REFUSALS  FAILURES  OPEN  KERNEL DROPS
                tcp       tcp               3        3        15         15         0         0     1             -
                udp       udp               7        5  12345678         25         2         0     -             0

                ENDPOINT  REASON                 REFUSALS
                udp       forbidden-destination         1
                udp       reply-amplification           1
                """, run.out());
    }

    @Test
    void exitsFourWhenNoAdminEndpointListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Run run = Run.of(home, "stats", "--admin", "127.0.0.1:" + port);

        assertEquals(4, run.status(), run.toString());
        assertTrue(run.err().startsWith("switchboard stats: nothing listens at 127.0.0.1:" + port + ";"), run.err());
    }

    @Test
    void exitsFiveWhenTheAdminEndpointAnswersAnError() throws IOException {
        String address = serve(500, "oops");

        Run run = Run.of(home, "stats", "--admin", address);

        assertEquals(5, run.status(), run.toString());
        assertEquals("switchboard stats: GET http://" + address + "/metrics answered 500\n", run.err());
    }

    @Test
    void exitsFiveWhenTheAnswerIsNotPrometheusText() throws IOException {
        String address = serve(200, "<html>hello</html>\n");

        Run run = Run.of(home, "stats", "--admin", address);

        assertEquals(5, run.status(), run.toString());
        assertEquals("switchboard stats: http://" + address + "/metrics: line 1 is not Prometheus text:"
                + " expected a metric name\n", run.err());
    }
}
