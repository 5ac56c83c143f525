package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.testkit.StreamClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Services that declare isBlocking() run on the worker pool, in order per connection, bounded. */
@Timeout(30)
class BlockingServiceTest {

    @Test
    void repliesInRequestOrderOnEachConnection() throws Exception {
        int clients = 8;
        int requests = 200;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (TestServer server = TestServer.start("framing = line, worker-threads = 4", Services.SLOW_UPPER_CASE)) {
            List<Future<?>> conversations = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String name = "client-" + c;
                conversations.add(pool.submit(() -> {
                    try (StreamClient client = server.connect()) {
                        StringBuilder pipelined = new StringBuilder();
                        for (int i = 0; i < requests; i++) {
                            pipelined.append(name).append('-').append(i).append('\n');
                        }
                        client.send(pipelined.toString());
                        for (int i = 0; i < requests; i++) {
                            assertEquals((name + "-" + i + "\n").toUpperCase(), client.readLine());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> conversation : conversations) {
                conversation.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closesTheConnectionWhoseRequestFindsTheWorkerQueueFull() throws InterruptedException {
        Services.Gate gate = new Services.Gate();
        try (TestServer server = TestServer.start("framing = line, threads = 1, worker-threads = 1, worker-queue = 1", gate);
                StreamClient running = server.connect();
                StreamClient queued = server.connect();
                StreamClient refused = server.connect()) {
            running.send("running\n");
            gate.entered.await(10, TimeUnit.SECONDS);
            queued.send("queued\n");
            server.awaitStats(stats -> stats.requests() == 2, "the second request reached the pool's queue");
            refused.send("refused\n");
            refused.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("worker-queue-full") == 1, "the refusal counted");

            gate.released.countDown();
            assertEquals("RUNNING\n", running.readLine());
            assertEquals("QUEUED\n", queued.readLine());
        }
    }

    @Test
    void closesTheConnectionOfARequestWhoseBlockingServiceThrew() {
        Services.Blocking failing = new Services.Blocking() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
                Services.FAILS_ON_BOOM.handle(request, context, reply);
            }
        };
        try (TestServer server = TestServer.start("framing = line", failing);
                StreamClient client = server.connect();
                StreamClient other = server.connect()) {
            client.send("first\nboom\nnever\n");
            assertEquals("FIRST\n", client.readLine());
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.failed("service") == 1, "the failure counted");
            assertEquals("OTHER\n", other.send("other\n").readLine());
        }
    }
}
