package dev.switchboard.launcher.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.TransportStats;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerTest {

    @Test
    void summarisesAQuietEndpoint() {
        assertEquals("0 requests, 0 replies, no refusals", Server.summary(TransportStats.EMPTY));
    }

    @Test
    void summarisesRefusalsAndErrorsByKindInNameOrder() {
        Map<String, Long> refusals = new LinkedHashMap<>();
        refusals.put("max-connections", 2L);
        refusals.put("idle-timeout", 1L);
        TransportStats stats = new TransportStats(0, 9, 12, 11, 100, 100, refusals, Map.of("service", 1L));
        assertEquals("12 requests, 11 replies, 3 refusals (idle-timeout 1, max-connections 2), 1 error (service 1)",
                Server.summary(stats));
    }
}
