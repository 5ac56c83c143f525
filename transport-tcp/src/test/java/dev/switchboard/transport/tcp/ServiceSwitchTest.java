package dev.switchboard.transport.tcp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.Transport;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.testkit.TestSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code switchService} on the stream toolkit: the listening socket and the open connections stay,
 * a request in the old service is answered by it, every later one by the new.
 */
@Timeout(30)
class ServiceSwitchTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));
    private static final MessageService LOWER = MessageService.ofText(text -> text.toLowerCase(Locale.ROOT));

    private final CountDownLatch arrived = new CountDownLatch(1);
    private final CountDownLatch open = new CountDownLatch(1);
    private Transport transport;

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    private StreamClient start(MessageService service) throws IOException {
        transport = new TcpTransportProvider().create(TestSettings.transportContext("tcp",
                "host = \"127.0.0.1\", port = 0, threads = 2, framing = line"));
        transport.start(service);
        return StreamClient.connect(transport.localAddress());
    }

    /** Echoes, holding a request that starts with {@code wait} until the test opens the gate. */
    private MessageService gated(boolean blocking) {
        return new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) throws InterruptedException {
                if (UTF_8.decode(request.duplicate()).toString().startsWith("wait")) {
                    arrived.countDown();
                    assertTrue(open.await(20, TimeUnit.SECONDS), "the test never opened the gate");
                }
                reply.write(request);
            }

            @Override
            public boolean isBlocking() {
                return blocking;
            }
        };
    }

    private static MessageService blocking(MessageService service) {
        return new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
                service.handle(request, context, reply);
            }

            @Override
            public boolean isBlocking() {
                return true;
            }
        };
    }

    @Test
    void answersAnOpenConnectionWithTheNewService() throws IOException {
        try (StreamClient client = start(UPPER)) {
            assertEquals("BEFORE\n", client.send("before\n").readLine());

            transport.switchService(LOWER);

            assertEquals("after\n", client.send("AFTER\n").readLine());
        }
    }

    @Test
    void returnsOnceTheRequestInTheOldServiceIsAnsweredByItOnAnEventLoop() throws Exception {
        switchesAfterTheCallInTheOldServiceEnds(false);
    }

    @Test
    void returnsOnceTheRequestAtAWorkerIsAnsweredByTheOldService() throws Exception {
        switchesAfterTheCallInTheOldServiceEnds(true);
    }

    private void switchesAfterTheCallInTheOldServiceEnds(boolean blocking) throws Exception {
        try (StreamClient client = start(gated(blocking))) {
            client.send("wait-old\n");
            assertTrue(arrived.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "no request reached the service");

            CompletableFuture<Void> switching = CompletableFuture.runAsync(
                    () -> transport.switchService(blocking ? blocking(UPPER) : UPPER));
            assertFalse(switching.isDone(), "the switch waits while a request is in the old service");
            open.countDown();

            assertEquals("wait-old\n", client.readLine());
            switching.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("NEW\n", client.send("new\n").readLine());
        }
    }

    @Test
    void refusesABlockingServiceInPlaceOfANonBlockingOneAndKeepsServing() throws IOException {
        try (StreamClient client = start(UPPER)) {
            assertThrows(IllegalArgumentException.class, () -> transport.switchService(blocking(LOWER)));

            assertEquals("STILL\n", client.send("still\n").readLine());
        }
    }

    @Test
    void cannotSwitchBeforeItStarts() {
        Transport unstarted = new TcpTransportProvider().create(TestSettings.transportContext("tcp",
                "host = \"127.0.0.1\", port = 0"));

        assertThrows(IllegalStateException.class, () -> unstarted.switchService(UPPER));
    }
}
