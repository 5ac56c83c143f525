package dev.switchboard.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.testkit.TestSettings;
import dev.switchboard.transport.stream.StreamBinding;
import dev.switchboard.transport.stream.StreamSettings;
import dev.switchboard.transport.stream.StreamTransport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code takeOver} on the stream toolkit: a transport with new settings accepts on a serving one's
 * listening socket; the retired one serves the connections it had, with their settings, and its stop
 * leaves the listening socket open.
 */
@Timeout(30)
class TakeOverTest {

    private static final String SETTINGS = "host = \"127.0.0.1\", port = 0, threads = 1, framing = line";
    private static final MessageService ECHO = MessageService.ofText(text -> text);
    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));

    private Transport old;
    private Transport successor;

    @BeforeEach
    void start() throws IOException {
        old = create("");
        old.start(ECHO);
    }

    @AfterEach
    void stop() {
        old.stop(Duration.ofSeconds(1));
        if (successor != null) {
            successor.stop(Duration.ofSeconds(1));
        }
    }

    private static Transport create(String hocon) {
        return new TcpTransportProvider().create(TestSettings.transportContext("tcp", SETTINGS + ", " + hocon));
    }

    private static String ask(StreamClient client, String line) {
        return client.send(line + "\n").readLine().strip();
    }

    @Test
    void anOpenConnectionKeepsItsServiceAndLimitAndANewOneGetsTheSuccessors() throws IOException {
        try (StreamClient before = StreamClient.connect(old.localAddress())) {
            assertEquals("before", ask(before, "before"));
            successor = create("max-message-bytes = 8");

            successor.takeOver(old, UPPER);

            assertEquals(old.localAddress(), successor.localAddress());
            assertEquals("longer than eight", ask(before, "longer than eight"));
            try (StreamClient after = StreamClient.connect(old.localAddress())) {
                assertEquals("AFTER", ask(after, "after"));
                after.send("longer than eight\n").assertClosedByServer();
            }
        }
    }

    @Test
    void theRetiredTransportsStopClosesItsConnectionsAndLeavesTheListeningSocketOpen() throws IOException {
        try (StreamClient before = StreamClient.connect(old.localAddress())) {
            assertEquals("before", ask(before, "before"));
            successor = create("max-message-bytes = 8");
            successor.takeOver(old, UPPER);

            old.stop(Duration.ofSeconds(1));

            before.assertClosedByServer();
            try (StreamClient after = StreamClient.connect(successor.localAddress())) {
                assertEquals("AFTER", ask(after, "after"));
            }
        }
    }

    @Test
    void aRetiredTransportCannotBeTakenOverAgain() throws IOException {
        successor = create("");
        successor.takeOver(old, UPPER);

        Transport third = create("");
        assertThrows(IllegalStateException.class, () -> third.takeOver(old, UPPER));
    }

    @Test
    void anotherReusePortOrBacklogCannotBeTakenOver() {
        Transport reusing = create("reuse-port = true");
        Transport longerQueue = create("backlog = 7");

        assertThrows(UnsupportedOperationException.class, () -> reusing.takeOver(old, UPPER));
        assertThrows(UnsupportedOperationException.class, () -> longerQueue.takeOver(old, UPPER));
    }

    @Test
    void aTransportOfAnotherBindingClassCannotTakeOverAndTheOldOneServesOn() throws IOException {
        TransportContext context = TestSettings.transportContext("tcp", SETTINGS);
        InetSocketAddress address = (InetSocketAddress) old.localAddress();
        Transport other = new StreamTransport(context, StreamSettings.from(context), new StreamBinding() {
            @Override
            public SocketAddress address() {
                return address;
            }

            @Override
            public ServerSocketChannel bind(int backlog) throws IOException {
                return ServerSocketChannel.open().bind(address, backlog);
            }
        });

        assertThrows(UnsupportedOperationException.class, () -> other.takeOver(old, UPPER));

        try (StreamClient client = StreamClient.connect(old.localAddress())) {
            assertEquals("still", ask(client, "still"));
        }
    }
}
