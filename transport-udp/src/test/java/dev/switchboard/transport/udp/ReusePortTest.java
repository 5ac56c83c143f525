package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code reuse-port}: two instances on one UDP port, only when both ask for it. */
@Timeout(60)
class ReusePortTest {

    private static final int MAX_SENDERS = 200;

    private static TestEndpoint started(String name, String hocon) {
        return TestEndpoint.start(TestEndpoint.context(name, hocon), MessageService.ofText(text -> name));
    }

    @Test
    void twoInstancesAskingForItShareThePortAndBothServe() {
        for (int threads : new int[] {1, 2}) {
            try (TestEndpoint old = started("old", "reuse-port = true, threads = " + threads);
                    TestEndpoint successor = started("successor", "reuse-port = true, threads = " + threads
                            + ", port = " + old.address().getPort())) {
                Set<String> answeredBy = new HashSet<>();
                for (int i = 0; i < MAX_SENDERS && answeredBy.size() < 2; i++) {
                    try (TestClient client = old.client()) { // a new source port: the kernel hashes it anew
                        client.send("who");
                        answeredBy.add(client.receiveText());
                    }
                }
                assertEquals(Set.of("old", "successor"), answeredBy, "the kernel spreads senders over both, threads = " + threads);
            }
        }
    }

    @Test
    void aSecondInstanceFailsWithThePortInUseUnlessBothAskForIt() {
        String[][] pairs = {
            {"reuse-port = false, threads = 1", "reuse-port = false, threads = 1"},
            {"reuse-port = false, threads = 1", "reuse-port = true"},
            {"reuse-port = false, threads = 2", "reuse-port = false, threads = 2"},
            {"reuse-port = true", "reuse-port = false, threads = 1"},
            {"reuse-port = true", "reuse-port = false, threads = 2"},
        };
        for (String[] pair : pairs) {
            try (TestEndpoint first = started("first", pair[0])) {
                UdpTransport second = TestEndpoint.create(TestEndpoint.context("second",
                        pair[1] + ", port = " + first.address().getPort()));
                BindException e = assertThrows(BindException.class, () -> second.start(MessageService.ofText(t -> t)),
                        pair[0] + ", then " + pair[1]);
                assertTrue(e.getMessage().endsWith("in use"), e.getMessage());
            }
        }
    }

    /**
     * What {@code reuse-port = false} cannot prevent, as docs/DECISIONS.md says: the kernel lets a
     * socket of the same user that asks for {@code SO_REUSEPORT} join the sockets of an endpoint with
     * several threads, since they must allow sharing to share the port among themselves.
     */
    @Test
    void aSocketAskingForItCanStillJoinTheSocketsOfAnEndpointWithSeveralThreads() throws IOException {
        try (TestEndpoint endpoint = started("several", "reuse-port = false, threads = 2");
                DatagramChannel joiner = DatagramChannel.open(StandardProtocolFamily.INET)) {
            joiner.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            joiner.bind(new InetSocketAddress(endpoint.address().getAddress(), endpoint.address().getPort()));
            assertEquals(endpoint.address(), joiner.getLocalAddress());
        }
    }
}
