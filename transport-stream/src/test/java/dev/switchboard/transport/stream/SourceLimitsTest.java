package dev.switchboard.transport.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.TransportStats;
import dev.switchboard.testkit.Await;
import dev.switchboard.testkit.StreamClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-source admission over real loopback sockets, with two client hosts: 127.0.0.1 and 127.0.0.2
 * (on Linux all of 127.0.0.0/8 is the loopback interface's). A refused connection is accepted and
 * closed at once, so its client reads the end of the stream.
 */
@Timeout(60)
class SourceLimitsTest {

    private static final InetSocketAddress FIRST_HOST = new InetSocketAddress("127.0.0.1", 0);
    private static final InetSocketAddress SECOND_HOST = new InetSocketAddress("127.0.0.2", 0);

    @TempDir
    Path directory;

    @BeforeAll
    static void secondLoopbackAddressExists() {
        try (Socket socket = new Socket()) {
            socket.bind(SECOND_HOST);
        } catch (IOException e) {
            assumeTrue(false, "127.0.0.2 is not a local address here: " + e);
        }
    }

    @Test
    void refusesASourceOverItsConcurrentLimitWhileAnotherSourceIsServed() {
        try (TestServer server = TestServer.start("max-connections-per-source = 2", Services.ASCII_UPPER_CASE);
                StreamClient first = connect(server, FIRST_HOST);
                StreamClient second = connect(server, FIRST_HOST)) {
            assertServed(first);
            assertServed(second);
            try (StreamClient third = connect(server, FIRST_HOST)) {
                third.assertClosedByServer();
            }
            try (StreamClient otherHost = connect(server, SECOND_HOST)) {
                assertServed(otherHost);
            }
            assertServed(first);
            TransportStats stats = server.awaitStats(s -> s.refused("source-connections") == 1, "the refusal counted");
            assertEquals(Map.of("source-connections", 1L), stats.refusals());
        }
    }

    @Test
    void admitsASourceAgainOnceOneOfItsConnectionsHasClosed() {
        try (TestServer server = TestServer.start("max-connections-per-source = 1", Services.ASCII_UPPER_CASE)) {
            try (StreamClient first = connect(server, FIRST_HOST)) {
                assertServed(first);
            }
            server.awaitStats(stats -> stats.connectionsOpen() == 0, "the first connection closed");
            try (StreamClient second = connect(server, FIRST_HOST)) {
                assertServed(second);
            }
        }
    }

    @Test
    void everyWayAConnectionEndsFreesItsPlace() {
        try (TestServer server = TestServer.start("framing = line, max-message-bytes = 8, max-connections-per-source = 1",
                Services.FAILS_ON_BOOM)) {
            StreamClient closed = servedLine(server);
            closed.close();
            awaitNoneOpen(server, "closed by its client");

            servedLine(server).reset();
            awaitNoneOpen(server, "reset by its client");

            try (StreamClient tooLong = servedLine(server)) {
                tooLong.send("x".repeat(9) + "\n").assertClosedByServer();
            }
            awaitNoneOpen(server, "closed for a message too large");

            try (StreamClient failing = servedLine(server)) {
                failing.send("boom\n").assertClosedByServer();
            }
            awaitNoneOpen(server, "closed after its service failed");

            try (StreamClient last = servedLine(server)) {
                assertEquals(0, server.stats().refused("source-connections"));
            }
        }
    }

    @Test
    void manyConnectionsAcrossBothLoopsLeaveTheCountExact() {
        try (TestServer server = TestServer.start("max-connections-per-source = 2", Services.ASCII_UPPER_CASE)) {
            for (int i = 0; i < 200; i++) {
                StreamClient client = connect(server, FIRST_HOST);
                assertServed(client);
                if (i % 2 == 0) {
                    client.close();
                } else {
                    client.reset();
                }
                awaitNoneOpen(server, "closed by its client"); // else the next might find the last two still counted
            }
            try (StreamClient first = connect(server, FIRST_HOST);
                    StreamClient second = connect(server, FIRST_HOST)) {
                assertServed(first);
                assertServed(second);
                try (StreamClient third = connect(server, FIRST_HOST)) {
                    third.assertClosedByServer();
                }
            }
            assertEquals(202, server.stats().connectionsAccepted());
        }
    }

    @Test
    void refusesASourceOverItsConnectionRateUntilTheCoolDownEnds() {
        long coolDownNanos = TimeUnit.SECONDS.toNanos(1);
        try (TestServer server = TestServer.start("max-connection-rate-per-source = 1, connection-rate-cooldown = 1s",
                Services.ASCII_UPPER_CASE)) {
            try (StreamClient first = connect(server, FIRST_HOST)) {
                assertServed(first);
            }
            long overTheRate = System.nanoTime();
            try (StreamClient second = connect(server, FIRST_HOST)) {
                second.assertClosedByServer();
            }
            try (StreamClient otherHost = connect(server, SECOND_HOST)) {
                assertServed(otherHost);
            }
            AtomicLong servedAt = new AtomicLong();
            Await.until(() -> {
                try (StreamClient again = connect(server, FIRST_HOST)) {
                    again.send("a").shutdownOutput(); // served: answered, then closed; refused: closed at once
                    if (again.readToEnd().equals("A")) {
                        servedAt.set(System.nanoTime());
                        return true;
                    }
                    return false;
                } catch (UncheckedIOException e) { // refused with the request unread: a reset
                    return false;
                }
            }, "a connection served again once the cool-down is over");
            assertTrue(servedAt.get() - overTheRate >= coolDownNanos,
                    "served again " + (servedAt.get() - overTheRate) / 1_000_000 + " ms after the refusal");
            assertTrue(server.stats().refused("source-rate") >= 1);
        }
    }

    @Test
    void refusesAPeerOnTheDenyListWhileServingOthers() {
        try (TestServer server = TestServer.start("deny = [\"127.0.0.1/32\"]", Services.ASCII_UPPER_CASE)) {
            try (StreamClient denied = connect(server, FIRST_HOST)) {
                denied.assertClosedByServer();
            }
            try (StreamClient served = connect(server, SECOND_HOST)) {
                assertServed(served);
            }
            server.awaitStats(s -> s.refused("denied") == 1, "the refusal counted");
        }
    }

    @Test
    void servesOnlyThePeersOnTheAllowList() {
        try (TestServer server = TestServer.start("allow = [\"127.0.0.2\", \"::1\"]", Services.ASCII_UPPER_CASE)) {
            try (StreamClient denied = connect(server, FIRST_HOST)) {
                denied.assertClosedByServer();
            }
            try (StreamClient served = connect(server, SECOND_HOST)) {
                assertServed(served);
            }
            server.awaitStats(s -> s.refused("denied") == 1, "the refusal counted");
        }
    }

    @Test
    void theDefaultsLetThreeHundredConcurrentConnectionsFromOneSourceThrough() {
        List<StreamClient> clients = new ArrayList<>();
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE)) {
            for (int i = 0; i < 300; i++) {
                StreamClient client = connect(server, FIRST_HOST);
                clients.add(client);
                assertServed(client);
            }
            TransportStats stats = server.stats();
            assertEquals(300, stats.connectionsOpen());
            assertEquals(Map.of(), stats.refusals());
        } finally {
            clients.forEach(StreamClient::close);
        }
    }

    @Test
    void theDefaultsLetAThousandQuickConnectionsFromOneSourceThrough() {
        try (TestServer server = TestServer.start("", Services.ASCII_UPPER_CASE)) {
            for (int i = 0; i < 1000; i++) {
                try (StreamClient client = connect(server, FIRST_HOST)) {
                    assertServed(client);
                }
            }
            TransportStats stats = server.stats();
            assertEquals(1000, stats.connectionsAccepted());
            assertEquals(Map.of(), stats.refusals());
        }
    }

    @Test
    void exemptsUnixDomainPeersFromPerSourceLimits() {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(directory.resolve("upper.sock"));
        List<StreamClient> clients = new ArrayList<>();
        try (TestServer server = TestServer.start(new UnixDomainTest.UnixBinding(address),
                "max-connections-per-source = 1, max-connection-rate-per-source = 1", Services.ASCII_UPPER_CASE, null)) {
            for (int i = 0; i < 3; i++) {
                StreamClient client = StreamClient.connect(address);
                clients.add(client);
                assertServed(client);
            }
            assertEquals(Map.of(), server.stats().refusals());
        } finally {
            clients.forEach(StreamClient::close);
        }
    }

    private static StreamClient connect(TestServer server, InetSocketAddress from) {
        return StreamClient.connect(server.address(), from);
    }

    private static void assertServed(StreamClient client) {
        assertEquals("A", client.send("a").readString(1));
    }

    /** @return a connection from the first host that one line has been answered on */
    private static StreamClient servedLine(TestServer server) {
        StreamClient client = connect(server, FIRST_HOST);
        assertEquals("OK\n", client.send("ok\n").readLine());
        return client;
    }

    private static void awaitNoneOpen(TestServer server, String how) {
        server.awaitStats(stats -> stats.connectionsOpen() == 0, "the connection " + how + " is counted closed");
    }
}
