package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.switchboard.api.Framings;
import dev.switchboard.api.TransportContext;
import dev.switchboard.transport.BlockedThreads;
import dev.switchboard.transport.Counters;
import dev.switchboard.transport.RateLimitedLog;
import dev.switchboard.transport.ServedEndpoint;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A receive loop that dies of a failure no datagram contains is reported through the context's
 * fatal-failure handler with the endpoint, its thread and the cause.
 */
@Timeout(30)
class ServingThreadDeathTest {

    private record Death(String endpoint, Thread thread, Throwable cause) {}

    @Test
    void aReceiveLoopKilledByAnErrorIsReportedWithTheEndpointThreadAndCause() throws Exception {
        OutOfMemoryError fault = new OutOfMemoryError("test");
        CompletableFuture<Death> death = new CompletableFuture<>();
        TransportContext test = TestEndpoint.context("doomed", "");
        TransportContext context = new TransportContext("doomed", "udp", test.settings(), test.logger(),
                Framings.installed(), (endpoint, thread, cause) -> death.complete(new Death(endpoint, thread, cause)));
        UdpSettings settings = UdpSettings.from(context.settings());
        ServedEndpoint served = new ServedEndpoint("doomed", "udp", Services.upper(), context.logger(),
                new RateLimitedLog(context.logger(), Duration.ofSeconds(1)), context);
        Endpoint endpoint = new Endpoint(served, settings, Admission.forLocalInterfaces(settings.maxReplyRatio()), null);
        try (DatagramChannel channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            ReceiveLoop loop = new ReceiveLoop(endpoint, channel, new Counters().newShard(), null,
                    BlockedThreads.Watch.unwatched(), () -> { throw fault; }); // the once-a-second tick, on the loop's thread
            Thread thread = new Thread(loop, "doomed-loop");
            thread.start();
            Death reported = death.get(10, TimeUnit.SECONDS);

            assertEquals("doomed", reported.endpoint());
            assertSame(thread, reported.thread());
            assertSame(fault, reported.cause());
            loop.close();
        }
    }
}
