package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.TransportStats;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CountersTest {

    @Test
    void sumsEveryShard() {
        Counters counters = new Counters();
        Counters.Shard a = counters.newShard();
        Counters.Shard b = counters.newShard();
        a.increment(Counter.REQUESTS);
        b.add(Counter.REQUESTS, 2);
        a.add(Counter.BYTES_IN, 10);
        b.increment(Counter.CONNECTIONS_ACCEPTED);
        b.increment(Counter.CONNECTIONS_ACCEPTED);
        a.increment(Counter.CONNECTIONS_CLOSED);
        TransportStats stats = counters.snapshot();
        assertEquals(3, stats.requests());
        assertEquals(10, stats.bytesIn());
        assertEquals(2, stats.connectionsAccepted());
        assertEquals(1, stats.connectionsOpen());
    }

    @Test
    void reportsRefusalsAndErrorsByNameLeavingOutZeros() {
        Counters counters = new Counters();
        Counters.Shard shard = counters.newShard();
        shard.refused(Refusal.IDLE_TIMEOUT);
        shard.refused(Refusal.IDLE_TIMEOUT);
        shard.failed(Failure.SERVICE);
        TransportStats stats = counters.snapshot();
        assertEquals(Map.of("idle-timeout", 2L), stats.refusals());
        assertEquals(Map.of("service", 1L), stats.errors());
        assertEquals(0, stats.refused("max-connections"));
    }

    @Test
    void aSharedShardCountsEveryWriter() throws InterruptedException {
        Counters counters = new Counters();
        Counters.Shard shared = counters.newSharedShard();
        int threads = 4;
        int perThread = 100_000;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    shared.increment(Counter.REPLIES);
                }
                done.countDown();
            }).start();
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals((long) threads * perThread, counters.snapshot().replies());
    }
}
