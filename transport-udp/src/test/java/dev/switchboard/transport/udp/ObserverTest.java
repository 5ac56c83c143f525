package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.FatalFailureHandler;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.RecordingObserver;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a udp endpoint reports to its {@link dev.switchboard.api.EndpointObserver}, against its counters. */
@Timeout(30)
class ObserverTest {

    private final RecordingObserver observer = new RecordingObserver();

    private TestEndpoint start(String hocon, MessageService service) {
        TransportContext context = TestEndpoint.context(hocon);
        return TestEndpoint.start(new TransportContext(context.endpoint(), context.transport(), context.settings(),
                context.logger(), context.framings(), FatalFailureHandler.logging(context.logger()),
                context.memoryBudget(), observer), service);
    }

    @Test
    void reportsEachDatagramServedWithItsServiceTimeAndNoConnection() {
        try (TestEndpoint endpoint = start("", Services.upper()); TestClient client = endpoint.client()) {
            for (int i = 0; i < 4; i++) {
                client.send("hello");
                assertEquals("HELLO", client.receiveText());
            }

            assertEquals(4, observer.requestsServed());
            assertEquals(endpoint.stats().requests(), observer.requestsServed());
            assertTrue(observer.longestServiceNanos() >= 0, observer.toString());
            assertEquals(0, observer.connectionsOpened());
        }
    }

    @Test
    void reportsEachRefusalAsItIsCounted() {
        try (TestEndpoint endpoint = start("", Services.growing(4)); TestClient client = endpoint.client()) {
            client.send("grow");
            client.send("next");
            assertEquals("NEXT", client.receiveText(), "the first reply is the next datagram's");

            TransportStats stats = endpoint.awaitStats(s -> s.refused("reply-amplification") == 1, "one refusal");
            assertEquals(Map.of("reply-amplification", 1L), observer.refusals());
            assertEquals(stats.refusals(), observer.refusals());
        }
    }
}
