package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.RecordingObserver;
import dev.switchboard.testkit.StreamClient;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a stream endpoint reports to its {@link dev.switchboard.api.EndpointObserver}, against its counters. */
@Timeout(30)
class ObserverTest {

    private final RecordingObserver observer = new RecordingObserver();

    @Test
    void reportsEachConnectionOpenedAndClosed() {
        try (TestServer server = TestServer.observed("framing = line", Services.ASCII_UPPER_CASE, observer)) {
            try (StreamClient first = server.connect(); StreamClient second = server.connect()) {
                assertEquals("A\n", first.send("a\n").readLine());
                assertEquals("B\n", second.send("b\n").readLine());
                assertEquals(2, observer.connectionsOpened());
            }
            Await.until(() -> observer.connectionsClosed() == 2, "both connections reported closed: " + observer);
        }
    }

    @Test
    void reportsEachRequestServedWithItsServiceTime() {
        try (TestServer server = TestServer.observed("framing = line", Services.ASCII_UPPER_CASE, observer);
                StreamClient client = server.connect()) {
            for (int i = 0; i < 5; i++) {
                assertEquals("HELLO\n", client.send("hello\n").readLine());
            }

            assertEquals(5, observer.requestsServed());
            assertEquals(server.stats().requests(), observer.requestsServed());
            assertTrue(observer.longestServiceNanos() >= 0, observer.toString());
        }
    }

    @Test
    void reportsTheRequestsABlockingServiceServedOnAWorker() {
        try (TestServer server = TestServer.observed("framing = line", Services.SLOW_UPPER_CASE, observer);
                StreamClient client = server.connect()) {
            for (int i = 0; i < 3; i++) {
                assertEquals("SLOW\n", client.send("slow\n").readLine());
            }

            assertEquals(3, observer.requestsServed());
        }
    }

    @Test
    void reportsEachRefusalAsItIsCounted() {
        try (TestServer server = TestServer.observed("framing = line, max-message-bytes = 8", Services.ASCII_UPPER_CASE,
                observer); StreamClient client = server.connect()) {
            client.send("far too long a line\n").assertClosedByServer();

            TransportStats stats = server.awaitStats(s -> s.refused("message-too-large") == 1, "the long line refused");
            assertEquals(Map.of("message-too-large", 1L), observer.refusals());
            assertEquals(stats.refusals(), observer.refusals());
        }
    }

    @Test
    void reportsAConnectionTurnedAwayAtTheMaximumAsARefusalNotAConnection() {
        try (TestServer server = TestServer.observed("max-connections = 1", Services.ASCII_UPPER_CASE, observer);
                StreamClient first = server.connect()) {
            assertEquals("A", first.send("a").readString(1));
            try (StreamClient second = server.connect()) {
                second.assertClosedByServer();
            }

            assertEquals(Map.of("max-connections", 1L), observer.refusals());
            assertEquals(1, observer.connectionsOpened());
        }
    }
}
