package dev.switchboard.transport.stream;

import static dev.switchboard.transport.stream.ProxyHeaders.LOCAL;
import static dev.switchboard.transport.stream.ProxyHeaders.UNSPEC;
import static dev.switchboard.transport.stream.ProxyHeaders.concat;
import static dev.switchboard.transport.stream.ProxyHeaders.tlv;
import static dev.switchboard.transport.stream.ProxyHeaders.v1;
import static dev.switchboard.transport.stream.ProxyHeaders.v2;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.SettingsException;
import dev.switchboard.api.TransportContext;
import dev.switchboard.testkit.RecordingLogger;
import dev.switchboard.testkit.StreamClient;
import dev.switchboard.transport.Addresses;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PROXY protocol on a stream endpoint: a trusted balancer's connection is served as from the
 * client its header names; anything else that claims to be a header is refused.
 */
@Timeout(60)
class ProxyProtocolTest {

    /** Answers each line with the peer its request came from. */
    private static final MessageService PEER = (request, context, reply) ->
            reply.write(Addresses.format(context.remoteAddress()));

    private static final String TRUSTING_LOOPBACK = "framing = line, proxy-protocol = any,"
            + " proxy-protocol-trusted = [\"127.0.0.0/8\"]\n";
    private static final byte[] V1_CLIENT = v1("PROXY TCP4 192.0.2.1 198.51.100.1 56324 12000\r\n");
    private static final byte[] V2_CLIENT = v2("2001:db8::7", 40000, "2001:db8::1", tlv(0x05, 8));

    @Test
    void aVersion1HeaderMakesItsClientThePeerOfEveryRequest() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER);
                StreamClient client = server.connect()) {
            client.send(concat(V1_CLIENT, v1("one\n")));
            assertEquals("192.0.2.1:56324\n", client.readLine());
            client.send("two\n");
            assertEquals("192.0.2.1:56324\n", client.readLine());
        }
    }

    @Test
    void aVersion2HeaderWithTlvsMakesItsClientThePeer() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER);
                StreamClient client = server.connect()) {
            client.send(concat(V2_CLIENT, v1("one\n")));
            assertEquals("[2001:db8::7]:40000\n", client.readLine());
        }
    }

    @Test
    void theBytesAfterTheHeaderInTheSameReadGoToTheFraming() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, Services.ASCII_UPPER_CASE);
                StreamClient client = server.connect()) {
            client.send(concat(V2_CLIENT, v1("one\ntwo\nthr")));
            assertEquals("ONE\n", client.readLine());
            assertEquals("TWO\n", client.readLine());
            client.send("ee\n");
            assertEquals("THREE\n", client.readLine());
        }
    }

    @Test
    void aHeaderSplitAcrossReadsAtAnyOffsetIsTheSameHeader() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER)) {
            for (byte[] header : new byte[][] {V1_CLIENT, V2_CLIENT}) {
                byte[] sent = concat(header, v1("one\n"));
                for (int split = 1; split < header.length + 1; split++) {
                    try (StreamClient client = server.connect()) {
                        long before = server.stats().bytesIn();
                        client.send(Arrays.copyOf(sent, split));
                        int first = split;
                        server.awaitStats(stats -> stats.bytesIn() >= before + first, "the first part read");
                        client.send(Arrays.copyOfRange(sent, split, sent.length));
                        assertEquals(header == V1_CLIENT ? "192.0.2.1:56324\n" : "[2001:db8::7]:40000\n", client.readLine(),
                                "split after " + split + " bytes");
                    }
                }
            }
            assertEquals(0, server.stats().refused("proxy-protocol"));
        }
    }

    @Test
    void aLocalHeaderKeepsTheBalancerAsThePeer() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER);
                StreamClient client = server.connect()) {
            client.send(concat(v2(LOCAL, UNSPEC, new byte[0]), v1("health\n")));
            assertEquals(Addresses.format(client.channel().socket().getLocalSocketAddress()) + "\n", client.readLine());
        }
    }

    @Test
    void anUnknownHeaderKeepsTheBalancerAsThePeer() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER);
                StreamClient client = server.connect()) {
            client.send(concat(v1("PROXY UNKNOWN\r\n"), v1("health\n")));
            assertEquals(Addresses.format(client.channel().socket().getLocalSocketAddress()) + "\n", client.readLine());
        }
    }

    @Test
    void aTrustedPeerWithoutAHeaderIsRefusedAndLogged() {
        RecordingLogger log = new RecordingLogger();
        try (TestServer server = TestServer.start(new TestServer.Loopback(), TRUSTING_LOOPBACK, PEER, log);
                StreamClient client = server.connect()) {
            client.send("hello\n");
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("proxy-protocol") == 1, "the refusal counted");
            assertTrue(log.lines().stream().anyMatch(line -> line.message().contains("no PROXY protocol header")),
                    log.lines().toString());
        }
    }

    @Test
    void aTruncatedHeaderIsRefused() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER);
                StreamClient client = server.connect()) {
            client.send(Arrays.copyOf(V2_CLIENT, 20));
            client.shutdownOutput();
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("proxy-protocol") == 1, "the refusal counted");
        }
    }

    @Test
    void aHeaderNotWholeWithinTheFrameTimeoutIsRefused() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK + "frame-timeout = 200ms", PEER);
                StreamClient silent = server.connect();
                StreamClient partial = server.connect()) {
            partial.send(Arrays.copyOf(V1_CLIENT, 10));
            silent.assertClosedByServer();
            partial.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("proxy-protocol") == 2, "both refusals counted");
        }
    }

    @Test
    void anOversizedHeaderIsRefused() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK, PEER);
                StreamClient client = server.connect()) {
            client.send(Arrays.copyOf(v2(ProxyHeaders.PROXY, UNSPEC, new byte[ProxyHeader.V2_MAX_PAYLOAD + 1]), 16));
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("proxy-protocol") == 1, "the refusal counted");
        }
    }

    @Test
    void aHeaderFromAPeerNotTrustedIsRefusedAndItsOtherConnectionsAreServedAsItsOwn() {
        String elsewhere = "framing = line, proxy-protocol = v1, proxy-protocol-trusted = [\"192.0.2.0/24\"]";
        try (TestServer server = TestServer.start(elsewhere, PEER);
                StreamClient forger = server.connect();
                StreamClient plain = server.connect()) {
            forger.send(concat(V1_CLIENT, v1("one\n")));
            forger.assertClosedByServer();
            plain.send("PROXY SERVER\n");
            assertEquals(Addresses.format(plain.channel().socket().getLocalSocketAddress()) + "\n", plain.readLine());
            assertEquals(1, server.awaitStats(stats -> stats.refused("proxy-protocol") == 1, "the refusal").requests());
        }
    }

    @Test
    void perSourceLimitsCountTheClientNotTheBalancer() {
        try (TestServer server = TestServer.start(TRUSTING_LOOPBACK + "max-connections-per-source = 1", PEER);
                StreamClient first = server.connect();
                StreamClient sameClient = server.connect();
                StreamClient otherClient = server.connect()) {
            first.send(concat(V1_CLIENT, v1("one\n")));
            assertEquals("192.0.2.1:56324\n", first.readLine());
            sameClient.send(concat(v1("PROXY TCP4 192.0.2.1 198.51.100.1 56325 12000\r\n"), v1("one\n")));
            sameClient.assertClosedByServer();
            sameClient.close();
            otherClient.send(concat(v1("PROXY TCP4 192.0.2.2 198.51.100.1 56324 12000\r\n"), v1("one\n")));
            assertEquals("192.0.2.2:56324\n", otherClient.readLine());
            assertEquals(1, server.awaitStats(stats -> stats.refused("source-connections") == 1, "the refusal")
                    .refusals().size());
            first.close();
            server.awaitStats(stats -> stats.connectionsOpen() == 1, "the first client's connection counted out");
            try (StreamClient again = server.connect()) {
                again.send(concat(V1_CLIENT, v1("again\n")));
                assertEquals("192.0.2.1:56324\n", again.readLine());
            }
        }
    }

    @Test
    void theDenyListRefusesTheClientBehindATrustedBalancer() {
        RecordingLogger log = new RecordingLogger();
        try (TestServer server = TestServer.start(new TestServer.Loopback(),
                TRUSTING_LOOPBACK + "deny = [\"192.0.2.0/24\"]", PEER, log);
                StreamClient client = server.connect()) {
            client.send(concat(V1_CLIENT, v1("one\n")));
            client.assertClosedByServer();
            server.awaitStats(stats -> stats.refused("denied") == 1, "the refusal counted");
            assertTrue(log.lines().stream().anyMatch(line -> line.message().contains("192.0.2.1:56324")),
                    log.lines().toString());
        }
    }

    @Test
    void aConnectionPastItsHeaderIsServedWithoutAllocating() throws Exception {
        int requests = 2000;
        TransportContext defaults = TestServer.context(TRUSTING_LOOPBACK + "threads = 1", null);
        StreamTransport transport = TestServer.create(new TransportContext("past-header", defaults.transport(),
                defaults.settings(), defaults.logger(), defaults.framings(), defaults.memoryBudget()));
        transport.start(Services.ASCII_UPPER_CASE);
        try (StreamClient client = StreamClient.connect(transport.localAddress())) {
            client.send(V2_CLIENT);
            byte[] request = "abc\n".getBytes(US_ASCII);
            for (int i = 0; i < requests; i++) { // warm up: the interpreter and the JIT alike must not allocate
                assertEquals("ABC\n", client.send(request).readString(4));
            }
            Thread loop = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("switchboard-past-header-loop-0")).findFirst().orElseThrow();
            long before = allocatedBytes(loop);
            for (int i = 0; i < requests; i++) { // one request per read
                assertEquals("ABC\n", client.send(request).readString(4));
            }
            long allocated = allocatedBytes(loop) - before;
            assertTrue(allocated < requests, allocated + " bytes allocated for " + requests + " requests");
        } finally {
            transport.stop(Duration.ofSeconds(1));
        }
    }

    /** @return what {@code thread} has allocated so far, as HotSpot counts it; by reflection, as tests do not read jdk.management */
    private static long allocatedBytes(Thread thread) throws ReflectiveOperationException {
        Object threads = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        return (long) Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class)
                .invoke(threads, thread.getId());
    }

    @Test
    void isOffByDefault() {
        try (TestServer server = TestServer.start("framing = line", PEER);
                StreamClient client = server.connect()) {
            client.send(concat(V1_CLIENT, v1("one\n")));
            String self = Addresses.format(client.channel().socket().getLocalSocketAddress());
            assertEquals(self + "\r\n", client.readLine(), "the header is a request like any other");
            assertEquals(self + "\n", client.readLine());
        }
    }

    @Test
    void aProtocolOnWithNobodyTrustedIsRefusedBeforeBinding() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> StreamSettings.from(TestServer.context("proxy-protocol = v2", null)));
        assertTrue(e.getMessage().contains("proxy-protocol-trusted"), e.getMessage());
    }

    @Test
    void aBadTrustedEntryIsRefusedBeforeBindingNamingIt() {
        SettingsException e = assertThrows(SettingsException.class, () -> StreamSettings.from(
                TestServer.context("proxy-protocol = v1, proxy-protocol-trusted = [\"10.0.0.1/8\"]", null)));
        assertTrue(e.getMessage().contains("10.0.0.0/8"), e.getMessage());
    }
}
