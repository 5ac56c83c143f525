package dev.switchboard.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportContext;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AbstractTransportTest {

    private static final MessageService ECHO = (request, context, reply) -> reply.write(request);

    /** Records each call of the life cycle's steps. */
    private static final class Recording extends AbstractTransport {
        final List<String> calls = new ArrayList<>();

        Recording() {
            super(new TransportContext("test", "recording", EndpointSettingsTest.settings(""),
                    System.getLogger("test")), Duration.ofSeconds(1));
        }

        @Override
        protected SocketAddress serve(MessageService service) {
            calls.add("serve");
            return new InetSocketAddress("127.0.0.1", 40000);
        }

        @Override
        protected void shutDown(Deadline deadline) {
            calls.add("shutDown " + deadline.grace().toMillis());
        }

        @Override
        protected SocketAddress configuredAddress() {
            return new InetSocketAddress("127.0.0.1", 0);
        }

        @Override
        protected String details(boolean started) {
            return started ? " started" : " new";
        }
    }

    @Test
    void shutsDownOnceWhenStoppedTwice() throws Exception {
        Recording transport = new Recording();
        transport.start(ECHO);

        transport.stop(Duration.ofMillis(300));
        transport.stop(Duration.ofMillis(300));
        transport.close();

        assertEquals(List.of("serve", "shutDown 300"), transport.calls);
    }

    @Test
    void stoppingBeforeStartingLeavesItReadyToStart() throws Exception {
        Recording transport = new Recording();

        transport.stop(Duration.ofSeconds(1));
        transport.start(ECHO);

        assertEquals(List.of("serve"), transport.calls);
    }

    @Test
    void startsOnlyOnce() throws Exception {
        Recording transport = new Recording();
        transport.start(ECHO);

        assertThrows(IllegalStateException.class, () -> transport.start(ECHO));
        assertEquals(List.of("serve"), transport.calls);
    }

    @Test
    void describesTheConfiguredAddressUntilStartedThenTheBoundOne() throws Exception {
        Recording transport = new Recording();
        assertEquals("127.0.0.1:0 new", transport.description());
        assertNull(transport.localAddress());

        transport.start(ECHO);

        assertEquals("127.0.0.1:40000 started", transport.description());
        assertEquals(new InetSocketAddress("127.0.0.1", 40000), transport.localAddress());
    }
}
