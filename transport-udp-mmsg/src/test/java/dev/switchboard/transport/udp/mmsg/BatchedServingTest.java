package dev.switchboard.transport.udp.mmsg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.MemoryBudget;
import dev.switchboard.api.MessageService;
import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the batched path does beyond the transport contract: limits, sources, the memory budget, IPv6. */
@Timeout(30)
class BatchedServingTest {

    private static final MessageService UPPER = MessageService.ofText(text -> text.toUpperCase(Locale.ROOT));
    private static final MessageService ECHO = (request, context, reply) -> reply.write(request);

    @Test
    void answersEachOfABurstOfSendersAtItsOwnAddress() {
        try (Endpoint endpoint = Endpoint.start("", UPPER)) {
            List<Client> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) {
                    clients.add(Client.to(endpoint.address()));
                }
                for (int i = 0; i < clients.size(); i++) {
                    clients.get(i).send("client " + i);
                }
                for (int i = 0; i < clients.size(); i++) {
                    assertEquals("CLIENT " + i, clients.get(i).receiveText());
                }
            } finally {
                clients.forEach(Client::close);
            }
            endpoint.awaitStats(s -> s.requests() == 40 && s.replies() == 40, "40 requests and replies counted");
        }
    }

    @Test
    void countsTheDatagramsTheKernelDroppedWhileTheLoopWasHeldUp() throws InterruptedException {
        GatedEcho holding = new GatedEcho(); // the receive buffer fills up behind it
        try (Endpoint endpoint = Endpoint.start("receive-buffer-bytes = 1KiB", holding);
                Client client = Client.to(endpoint.address())) {
            client.send("hold the loop");
            holding.awaitArrival();
            for (int i = 0; i < 100; i++) {
                client.send(new byte[1000]);
            }
            TransportStats stats = endpoint.awaitStats(s -> s.refused("kernel-receive-buffer") > 0, "drops reported");
            assertTrue(stats.refused("kernel-receive-buffer") < 100, "the first datagram fits in any buffer");
            holding.open();
        }
    }

    @Test
    void sendsRepliesThatOverflowTheSendAreaInSeveralCallsAllOfThem() {
        // the send area holds four replies of 64 KiB: twelve large ones in one batch take three sends
        int count = 12;
        byte[] request = new byte[60_000];
        try (Endpoint endpoint = Endpoint.start("", ECHO); Client client = Client.to(endpoint.address())) {
            for (int i = 0; i < count; i++) {
                request[0] = (byte) i;
                client.send(request);
            }
            Set<Integer> answered = new HashSet<>();
            for (int i = 0; i < count; i++) {
                byte[] reply = client.receive();
                assertEquals(request.length, reply.length);
                answered.add((int) reply[0]);
            }
            assertEquals(count, answered.size());
            TransportStats stats = endpoint.awaitStats(s -> s.replies() == count, "every reply counted");
            assertEquals((long) count * request.length, stats.bytesOut());
        }
    }

    @Test
    void countsADatagramOverMaxMessageBytesWithItsTrueLengthAndAnswersTheNextOne() {
        try (Endpoint endpoint = Endpoint.start("max-message-bytes = 100", ECHO); Client client = Client.to(endpoint.address())) {
            client.send(new byte[1_000]);
            client.send(new byte[100]);
            assertArrayEquals(new byte[100], client.receive());
            TransportStats stats = endpoint.awaitStats(s -> s.refused("message-too-large") == 1, "the oversize one refused");
            assertEquals(1_100, stats.bytesIn());
            assertEquals(1, stats.requests());
        }
    }

    @Test
    void refusesTheSendersTheDenyListNamesAndCountsThem() {
        try (Endpoint endpoint = Endpoint.start("deny = [\"127.0.0.1/32\"]", UPPER); Client client = Client.to(endpoint.address())) {
            client.send("denied");
            TransportStats stats = endpoint.awaitStats(s -> s.refused("denied") == 1, "the datagram refused");
            assertEquals(0, stats.requests());
        }
    }

    @Test
    void holdsEachSourceToItsRatePerSource() {
        try (Endpoint endpoint = Endpoint.start("rate-per-source = 1, burst-per-source = 2", UPPER);
                Client client = Client.to(endpoint.address())) {
            for (int i = 0; i < 5; i++) {
                client.send("datagram " + i);
            }
            TransportStats stats = endpoint.awaitStats(s -> s.requests() + s.refused("source-rate") == 5, "all five seen");
            assertEquals(2, stats.requests(), stats.toString());
            assertEquals(3, stats.refused("source-rate"), stats.toString());
        }
    }

    @Test
    void refusesARepyMoreThanMaxReplyRatioTimesItsRequest() {
        MessageService tenfold = (request, context, reply) -> reply.write(new byte[request.remaining() * 10]);
        try (Endpoint endpoint = Endpoint.start("max-reply-ratio = 3", tenfold); Client client = Client.to(endpoint.address())) {
            client.send("amplify");
            TransportStats stats = endpoint.awaitStats(s -> s.refused("reply-amplification") == 1, "the reply refused");
            assertEquals(0, stats.replies());
        }
    }

    @Test
    void reservesItsBatchBuffersFromTheMemoryBudgetWhileServingAndReleasesThemOnStop() {
        MemoryBudget budget = MemoryBudget.of(64L << 20);
        Endpoint endpoint = Endpoint.start("threads = 2", UPPER, budget);
        try (Client client = Client.to(endpoint.address())) {
            client.send("hello");
            assertEquals("HELLO", client.receiveText());
            // two loops, each with at least sixteen receive buffers of max-message-bytes
            assertTrue(budget.used() >= 2L * 16 * 65_507, budget.toString());
        } finally {
            endpoint.close();
        }
        assertEquals(0, budget.used());
    }

    @Test
    void failsToStartWhenItsBatchBuffersDoNotFitInTheMemoryBudget() {
        MemoryBudget budget = MemoryBudget.of(1 << 20);
        Endpoint endpoint = Endpoint.create("", budget);
        IOException e = assertThrows(IOException.class, () -> endpoint.transport.start(UPPER));
        assertTrue(e.getMessage().contains("memory budget"), e.getMessage());
        assertEquals(0, budget.used());
    }

    @Test
    void answersIpv4SendersOnAnIpv6WildcardSocketAtTheirIpv4Address() {
        try (Endpoint endpoint = Endpoint.start("host = \"::\"", UPPER);
                Client client = Client.to(new InetSocketAddress("127.0.0.1", endpoint.address().getPort()))) {
            client.send("mapped");
            assertEquals("MAPPED", client.receiveText());
        }
    }

    @Test
    void answersOverTheIpv6Loopback() throws IOException {
        InetAddress loopback = InetAddress.getByName("::1");
        assumeTrue(NetworkInterface.getByInetAddress(loopback) != null, "no IPv6 loopback here");
        try (Endpoint endpoint = Endpoint.start("host = \"::1\"", UPPER); Client client = Client.from(loopback, endpoint.address())) {
            assertTrue(endpoint.address().getAddress() instanceof Inet6Address);
            client.send("six");
            assertEquals("SIX", client.receiveText());
        }
    }

    @Test
    void spreadsOnePortOverSeveralSocketsAndAnswersOnEach() {
        try (Endpoint endpoint = Endpoint.start("threads = 3", UPPER)) {
            for (int i = 0; i < 12; i++) {
                try (Client client = Client.to(endpoint.address())) {
                    client.send("socket " + i);
                    assertEquals("SOCKET " + i, client.receiveText());
                }
            }
        } catch (UncheckedIOException e) {
            throw e;
        }
    }
}
