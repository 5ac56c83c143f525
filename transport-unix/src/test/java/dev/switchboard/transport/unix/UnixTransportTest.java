package dev.switchboard.transport.unix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.Transport;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Requests and replies over the socket file, with the toolkit's framings and its graceful stop. */
@Timeout(30)
class UnixTransportTest {

    @TempDir
    Path directory;

    private final UnixEndpoints endpoints = new UnixEndpoints();

    @AfterEach
    void stop() {
        endpoints.close();
    }

    private UnixDomainSocketAddress address() {
        return UnixDomainSocketAddress.of(directory.resolve("upper.sock"));
    }

    @Test
    void answersWhatEachReadDeliversWithRawFraming() {
        endpoints.start(address().getPath(), "framing = raw", UnixEndpoints.UPPER_CASE);
        try (StreamClient client = StreamClient.connect(address())) {
            assertEquals("HELLO OVER UNIX", client.send("hello over unix").readString(15));
        }
    }

    @Test
    void answersEachLineWithItsTerminatorWithLineFraming() {
        endpoints.start(address().getPath(), "framing = line", UnixEndpoints.UPPER_CASE);
        try (StreamClient client = StreamClient.connect(address())) {
            client.send("hello\nworld\r\n");
            assertEquals("HELLO\n", client.readLine());
            assertEquals("WORLD\r\n", client.readLine());
        }
    }

    @Test
    void tellsTheServiceThePathAsTheLocalAddressAndAnUnnamedClientAsTheRemoteOne() {
        AtomicReference<RequestContext> seen = new AtomicReference<>();
        endpoints.start(address().getPath(), "framing = line", (request, context, reply) -> {
            seen.set(context);
            reply.write(request);
        });
        try (StreamClient client = StreamClient.connect(address())) {
            assertEquals("hi\n", client.send("hi\n").readLine());
        }
        assertEquals(address(), seen.get().localAddress());
        assertEquals(UnixDomainSocketAddress.of(""), seen.get().remoteAddress());
        assertEquals("unix", seen.get().transport());
    }

    /** A blocking service that holds its first request until released. */
    private static final class Gate implements MessageService {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public boolean isBlocking() {
            return true;
        }

        @Override
        public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
            entered.countDown();
            if (!released.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the gate");
            }
            UnixEndpoints.UPPER_CASE.handle(request, context, reply);
        }
    }

    @Test
    void answersARequestInFlightWhenStoppedHavingRemovedTheSocketFileFirst() throws Exception {
        Gate gate = new Gate();
        Transport transport = endpoints.start(address().getPath(), "framing = line", gate);
        try (StreamClient client = StreamClient.connect(address())) {
            client.send("in flight\n");
            assertTrue(gate.entered.await(10, TimeUnit.SECONDS));

            CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> transport.stop(Duration.ofSeconds(10)));
            Await.until(() -> !Files.exists(address().getPath()), "the socket file removed: no new clients");
            gate.released.countDown();

            assertEquals("IN FLIGHT\n", client.readLine());
            client.assertClosedByServer();
            client.close(); // as a client does on end of stream: the server waits for it until the grace runs out
            stopped.get(10, TimeUnit.SECONDS);
            assertEquals(1, transport.stats().replies());
            assertFalse(Files.exists(address().getPath()));
        }
    }
}
