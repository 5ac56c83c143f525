package dev.switchboard.transport.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which senders are answered, over real loopback sockets with two client hosts: 127.0.0.1 and
 * 127.0.0.2 (on Linux all of 127.0.0.0/8 is the loopback interface's).
 */
@Timeout(30)
class SourceLimitsTest {

    private static final InetAddress FIRST_HOST = address("127.0.0.1");
    private static final InetAddress SECOND_HOST = address("127.0.0.2");

    @BeforeAll
    static void secondLoopbackAddressExists() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(SECOND_HOST, 0))) {
            assertEquals(SECOND_HOST, socket.getLocalAddress());
        } catch (IOException e) {
            assumeTrue(false, "127.0.0.2 is not a local address here: " + e);
        }
    }

    @Test
    void dropsWhatASourceSendsBeyondItsBurstAndCountsIt() {
        try (TestEndpoint endpoint = TestEndpoint.start("rate-per-source = 1, burst-per-source = 3", Services.upper());
                TestClient flooder = TestClient.from(FIRST_HOST, endpoint.address());
                TestClient other = TestClient.from(SECOND_HOST, endpoint.address())) {
            long start = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                flooder.send("datagram " + i);
            }
            for (int i = 0; i < 3; i++) {
                assertEquals("DATAGRAM " + i, flooder.receiveText());
            }
            TransportStats stats = endpoint.awaitStats(s -> s.requests() + s.refused("source-rate") == 10,
                    "every datagram answered or dropped");
            long earned = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start); // at 1 a second
            assertTrue(stats.requests() <= 3 + earned, stats.requests() + " answered in " + earned + " s");
            assertEquals(10 - stats.requests(), stats.refused("source-rate"));

            other.send("another source");
            assertEquals("ANOTHER SOURCE", other.receiveText());
        }
    }

    @Test
    void holdsASourceToItsRateAcrossEverySocketOfTheEndpoint() {
        int ports = 16;
        int each = 4;
        List<TestClient> clients = new ArrayList<>();
        try (TestEndpoint endpoint = TestEndpoint.start("threads = 2, rate-per-source = 1, burst-per-source = 8",
                Services.upper())) {
            long start = System.nanoTime();
            for (int c = 0; c < ports; c++) { // SO_REUSEPORT spreads these flows over both sockets
                TestClient client = TestClient.from(FIRST_HOST, endpoint.address());
                clients.add(client);
                for (int i = 0; i < each; i++) {
                    client.send("x");
                }
            }
            TransportStats stats = endpoint.awaitStats(s -> s.requests() + s.refused("source-rate") == ports * each,
                    "every datagram answered or dropped");
            long earned = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1;
            assertTrue(stats.requests() >= 8 && stats.requests() <= 8 + earned,
                    stats.requests() + " answered of one source's " + ports * each + " in " + earned + " s");
        } finally {
            clients.forEach(TestClient::close);
        }
    }

    @Test
    void dropsWhatTheDenyListHoldsAndAnswersOthers() {
        try (TestEndpoint endpoint = TestEndpoint.start("deny = [\"127.0.0.1\"]", Services.upper());
                TestClient denied = TestClient.from(FIRST_HOST, endpoint.address());
                TestClient other = TestClient.from(SECOND_HOST, endpoint.address())) {
            denied.send("denied");
            endpoint.awaitStats(s -> s.refused("denied") == 1, "the refusal counted");
            other.send("served");
            assertEquals("SERVED", other.receiveText());
            assertEquals(1, endpoint.stats().requests(), "only the other host's datagram reached the service");
        }
    }

    @Test
    void answersOnlyTheAllowList() {
        try (TestEndpoint endpoint = TestEndpoint.start("allow = [\"127.0.0.2/32\"]", Services.upper());
                TestClient outside = TestClient.from(FIRST_HOST, endpoint.address());
                TestClient inside = TestClient.from(SECOND_HOST, endpoint.address())) {
            outside.send("outside");
            inside.send("inside");
            assertEquals("INSIDE", inside.receiveText());
            TransportStats stats = endpoint.awaitStats(s -> s.refused("denied") == 1, "the refusal counted");
            assertEquals(1, stats.requests());
        }
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
