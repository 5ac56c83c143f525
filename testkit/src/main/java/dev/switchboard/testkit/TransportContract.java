package dev.switchboard.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.api.MessageService;
import dev.switchboard.api.Reply;
import dev.switchboard.api.RequestContext;
import dev.switchboard.api.Transport;
import dev.switchboard.api.TransportStats;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour every Switchboard transport shares, as a JUnit 5 suite that a transport's tests
 * inherit: extend this class, implement the hooks, and every test below runs against real sockets
 * of your transport, as {@code tcp} and {@code udp} run it.
 *
 * <pre>{@code
 * class TcpLineContractTest extends TransportContract {
 *     protected SocketAddress freeAddress() {
 *         return new InetSocketAddress("127.0.0.1", 0);
 *     }
 *
 *     protected Transport createTransport(SocketAddress address, String settings) {
 *         InetSocketAddress inet = (InetSocketAddress) address;
 *         return new TcpTransportProvider().create(TestSettings.transportContext("tcp", "host = \""
 *                 + inet.getHostString() + "\", port = " + inet.getPort() + ", framing = line\n" + settings));
 *     }
 *
 *     protected ContractClient connect(SocketAddress address) {
 *         return ContractClient.line(address);
 *     }
 * }
 * }</pre>
 *
 * <h2>The hooks</h2>
 * <ul>
 *   <li>{@link #freeAddress()}: an address on the loopback interface that nothing uses, such as
 *       {@code 127.0.0.1} port 0, or a new socket file's path in a temporary folder;
 *   <li>{@link #createTransport(SocketAddress, String)}: your provider's transport for that address,
 *       unstarted, with the contract's settings over your defaults (your framing, say). The contract
 *       sets only settings every endpoint has: {@code threads}, {@code worker-threads} and
 *       {@code max-message-bytes};
 *   <li>{@link #connect(SocketAddress)}: a client of the bound address, framing requests as the
 *       endpoint expects ({@link ContractClient} has one for each built-in framing and for datagrams);
 *   <li>{@link #isConnectionOriented()}, {@link #refusesOversizeMessages()} and
 *       {@link #addressText(SocketAddress)}, if your transport differs from a stream transport with a
 *       framing that refuses what is too large.
 * </ul>
 * A test whose behaviour your transport does not have (a half-close, for datagrams) is reported as
 * skipped, with the reason, rather than passed.
 *
 * <h2>What it checks</h2>
 * The contract of {@link Transport} and {@link TransportStats}, against services of its own: a round
 * trip, a chain of two services, a message of exactly {@code max-message-bytes} and one byte more
 * (refused, counted as {@code message-too-large}, the connection closed or the datagram dropped),
 * 100 concurrent clients, a half-close, a graceful stop that answers the requests in flight, the
 * counters (requests, replies, bytes in and out on the wire, connections), an address in use
 * (a {@link BindException} naming it, and nothing left open), {@link Transport#localAddress()}
 * before and after the start, and a stop that is done once. The transport's threads are expected to
 * be named {@code switchboard-<endpoint>-<role>}, as {@code dev.switchboard.transport.Threads} names
 * them: the address-in-use test checks that none outlives a failed start.
 *
 * <h2>Bounds</h2>
 * Every test runs in a thread of its own and fails after {@value #TEST_SECONDS} seconds; every wait
 * inside it is bounded by {@link Await#TIMEOUT}. Transports and clients the tests create are stopped
 * and closed after each test, whatever its outcome.
 */
@Timeout(value = TransportContract.TEST_SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class TransportContract {

    /** How long one test of the contract may take. */
    public static final int TEST_SECONDS = 60;

    /** Long enough for any test's in-flight requests; a stop returns as soon as they are done. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final String SETTINGS = "threads = 2\n";
    private static final int MAX_MESSAGE_BYTES = 64;
    private static final int CLIENTS = 100;

    /** Upper-cases ASCII letters, byte for byte: a reply as long as its request. */
    private static final MessageService UPPER_CASE = (request, context, reply) -> {
        ByteBuffer out = reply.buffer(request.remaining());
        for (int i = request.position(); i < request.limit(); i++) {
            byte b = request.get(i);
            out.put(b >= 'a' && b <= 'z' ? (byte) (b - ('a' - 'A')) : b);
        }
    };
    private static final MessageService REVERSE = (request, context, reply) -> {
        ByteBuffer out = reply.buffer(request.remaining());
        for (int i = request.limit() - 1; i >= request.position(); i--) {
            out.put(request.get(i));
        }
    };
    private static final MessageService EXCLAIM = (request, context, reply) -> reply.write(request).write("!");

    private final List<Transport> transports = new CopyOnWriteArrayList<>();
    private final List<ContractClient> clients = new CopyOnWriteArrayList<>();

    /**
     * An address for a new transport that nothing else uses: {@code 127.0.0.1} (or {@code ::1}) with
     * port 0, or the path of a socket file that does not exist yet, in a temporary folder.
     *
     * @return the address to pass to {@link #createTransport}
     */
    protected abstract SocketAddress freeAddress();

    /**
     * Creates the transport under test, unstarted, as its provider does for an endpoint.
     *
     * @param address where it is to bind: from {@link #freeAddress()}, or the bound address of
     *     another transport of the suite, which the address-in-use test binds twice
     * @param settings HOCON to apply over the transport's defaults, such as
     *     {@code "max-message-bytes = 64"}; may be empty. Add your own (the framing) to them
     * @return a new, unstarted transport
     */
    protected abstract Transport createTransport(SocketAddress address, String settings);

    /**
     * Opens a client of the transport, such as {@code ContractClient.line(address)}.
     *
     * @param address the transport's bound address, as {@link Transport#localAddress()} returns it
     * @return a client, connected if the transport is connection-oriented
     */
    protected abstract ContractClient connect(SocketAddress address);

    /**
     * Whether clients connect (a stream transport) or send datagrams. A connectionless transport
     * skips the half-close, drops an oversize request rather than closing a connection, and counts
     * no connections.
     *
     * @return {@code true} unless overridden
     */
    protected boolean isConnectionOriented() {
        return true;
    }

    /**
     * Whether a request over {@code max-message-bytes} is refused. The {@code raw} framing has no
     * message boundary to judge by: it cuts what arrives into requests of at most that size, so
     * nothing is ever too large, and a transport tested with it returns {@code false}.
     *
     * @return {@code true} unless overridden
     */
    protected boolean refusesOversizeMessages() {
        return true;
    }

    /**
     * How the transport names {@code address} in a bind failure's message.
     *
     * @param address a bound address
     * @return for an IP address {@code host:port} (an IPv6 host in brackets, as given); for a
     *     Unix-domain one its path; else its {@code toString}
     */
    protected String addressText(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getHostString();
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        if (address instanceof UnixDomainSocketAddress unix) {
            return unix.getPath().toString();
        }
        return String.valueOf(address);
    }

    @AfterEach
    final void stopEverything() {
        clients.forEach(ContractClient::close);
        transports.forEach(transport -> transport.stop(Duration.ofSeconds(1)));
    }

    @Test
    void answersRequestsOverARealSocket() {
        ContractClient client = client(started("", UPPER_CASE));

        assertReply(client, "hello", "HELLO");
        assertReply(client, "and again", "AND AGAIN");
    }

    @Test
    void answersThroughAChainOfTwoServicesInOrder() {
        ContractClient client = client(started("", MessageService.chain(List.of(REVERSE, EXCLAIM))));

        assertReply(client, "hello", "olleh!");
    }

    @Test
    void answersAMessageOfExactlyMaxMessageBytes() {
        ContractClient client = client(started("max-message-bytes = " + MAX_MESSAGE_BYTES, UPPER_CASE));

        assertReply(client, "m".repeat(MAX_MESSAGE_BYTES), "M".repeat(MAX_MESSAGE_BYTES));
    }

    @Test
    void refusesAMessageOverMaxMessageBytesAndCountsIt() {
        assumeTrue(refusesOversizeMessages(), "this transport's framing has no message boundary to refuse by");
        Transport transport = started("max-message-bytes = " + MAX_MESSAGE_BYTES, UPPER_CASE);
        ContractClient client = client(transport);
        assertReply(client, "fits", "FITS");

        client.send(bytes("x".repeat(MAX_MESSAGE_BYTES + 1)));

        if (isConnectionOriented()) {
            client.assertClosedByServer();
        } else {
            assertReply(client, "after", "AFTER"); // the next reply is this one's: the oversize one got none
        }
        long fitting = isConnectionOriented() ? 1 : 2;
        Await.stats(transport, stats -> stats.refused("message-too-large") == 1 && stats.requests() == fitting,
                "the refusal counted, and only the " + fitting + " requests that fit handed to the service");
    }

    @Test
    void answersOneHundredConcurrentClientsEachWithItsOwnReply() throws Exception {
        Transport transport = started("", UPPER_CASE);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch connected = new CountDownLatch(CLIENTS);
            List<Future<String>> replies = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String request = "client number " + i;
                replies.add(pool.submit(() -> {
                    ContractClient client = client(transport);
                    connected.countDown();
                    assertTrue(connected.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                            "every client connected");
                    client.send(bytes(request));
                    return text(client.receive(request.length()));
                }));
            }
            for (int i = 0; i < CLIENTS; i++) {
                assertEquals("CLIENT NUMBER " + i, replies.get(i).get(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        TransportStats stats = Await.stats(transport, s -> s.replies() == CLIENTS, "every reply counted");
        assertEquals(CLIENTS, stats.requests());
        assertEquals(isConnectionOriented() ? CLIENTS : 0, stats.connectionsAccepted());
    }

    @Test
    void answersEveryRequestAfterTheClientShutsItsOutputThenEndsTheStream() {
        assumeTrue(isConnectionOriented(), "a connectionless transport has no half-close");
        Transport transport = started("", UPPER_CASE);
        ContractClient client = client(transport);
        client.send(bytes("one"));
        client.send(bytes("two"));
        client.send(bytes("three"));

        client.shutdownOutput();

        assertEquals("ONE", text(client.receive(3)));
        assertEquals("TWO", text(client.receive(3)));
        assertEquals("THREE", text(client.receive(5)));
        client.assertClosedByServer();
        client.close();
        Await.stats(transport, stats -> stats.connectionsOpen() == 0, "the connection closed");
    }

    @Test
    void answersTheRequestsInFlightWhenStopped() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger entered = new AtomicInteger();
        MessageService slow = new MessageService() {
            @Override
            public void handle(ByteBuffer request, RequestContext context, Reply reply) throws Exception {
                entered.incrementAndGet();
                if (!release.await(Await.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("the test never released the request");
                }
                UPPER_CASE.handle(request, context, reply);
            }

            @Override
            public boolean isBlocking() {
                return true;
            }
        };
        Transport transport = started("worker-threads = 2", slow);
        ContractClient first = client(transport);
        ContractClient second = client(transport);
        first.send(bytes("first"));
        second.send(bytes("second"));
        Await.until(() -> entered.get() == 2, "both requests reached the service");

        Thread stopper = new Thread(() -> transport.stop(GRACE), "contract-stopper");
        stopper.start();
        Await.until(() -> stopper.getState() == Thread.State.WAITING || stopper.getState() == Thread.State.TIMED_WAITING
                || stopper.getState() == Thread.State.TERMINATED, "the stop under way");
        release.countDown();

        assertEquals("FIRST", text(first.receive(5)));
        assertEquals("SECOND", text(second.receive(6)));
        if (isConnectionOriented()) {
            first.assertClosedByServer();
            second.assertClosedByServer();
            first.close();
            second.close();
        }
        stopper.join(GRACE.toMillis() + Await.TIMEOUT.toMillis());
        assertFalse(stopper.isAlive(), "the stop returned");
        TransportStats stats = transport.stats();
        assertEquals(2, stats.replies());
        assertEquals(0, stats.refused("shutdown-timeout"), "nothing cut: " + stats);
    }

    @Test
    void countsRequestsRepliesAndTheBytesOnTheWire() {
        Transport transport = started("", UPPER_CASE);
        ContractClient client = client(transport);
        assertReply(client, "a", "A");
        assertReply(client, "bc", "BC");
        assertReply(client, "hello, world", "HELLO, WORLD");

        TransportStats stats = Await.stats(transport,
                s -> s.replies() == 3 && s.bytesIn() == client.bytesSent() && s.bytesOut() == client.bytesReceived(),
                "3 replies and " + client.bytesSent() + " bytes in, " + client.bytesReceived() + " out");

        assertEquals(3, stats.requests());
        assertEquals(Map.of(), stats.refusals());
        assertEquals(Map.of(), stats.errors());
    }

    @Test
    void countsEachConnectionAcceptedAndWhileOpen() {
        Transport transport = started("", UPPER_CASE);
        ContractClient client = client(transport);
        assertReply(client, "hi", "HI");
        long connections = isConnectionOriented() ? 1 : 0;
        Await.stats(transport, s -> s.connectionsAccepted() == connections && s.connectionsOpen() == connections,
                connections + " connection accepted and open");

        client.close();

        Await.stats(transport, s -> s.connectionsOpen() == 0 && s.connectionsAccepted() == connections,
                "no connection open");
    }

    @Test
    void countsNothingBeforeTheStart() {
        assertEquals(TransportStats.EMPTY, track(createTransport(freeAddress(), SETTINGS)).stats());
    }

    @Test
    void failsToBindAnAddressInUseNamingItAndLeavingNothingOpen() throws IOException {
        Transport first = started("", UPPER_CASE);
        SocketAddress address = first.localAddress();
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Transport second = track(createTransport(address, SETTINGS));

        BindException failure = assertThrows(BindException.class, () -> second.start(UPPER_CASE));

        assertTrue(failure.getMessage() != null && failure.getMessage().contains(addressText(address)),
                "the message names " + addressText(address) + ": " + failure.getMessage());
        assertNull(second.localAddress());
        Await.until(() -> threadsStartedSince(before).isEmpty(),
                "no thread of the failed start left: " + threadsStartedSince(before));
        assertReply(client(address), "still served", "STILL SERVED");
        closeClients();
        first.stop(GRACE);
        track(createTransport(address, SETTINGS)).start(UPPER_CASE); // nothing of the failed start holds the address
    }

    @Test
    void hasNoLocalAddressBeforeTheStartAndTheBoundOneAfter() throws IOException {
        Transport transport = track(createTransport(freeAddress(), SETTINGS));
        assertNull(transport.localAddress());

        transport.start(UPPER_CASE);

        SocketAddress bound = transport.localAddress();
        assertNotNull(bound);
        if (bound instanceof InetSocketAddress inet) {
            assertNotEquals(0, inet.getPort(), "the actual port, not the configured 0");
        }
        assertReply(client(bound), "here", "HERE");
    }

    @Test
    void releasesTheAddressOnStopAndDoesNothingOnASecondStop() throws IOException {
        Transport transport = started("", UPPER_CASE);
        SocketAddress address = transport.localAddress();
        assertReply(client(address), "before", "BEFORE");
        closeClients();
        transport.stop(GRACE);
        TransportStats stopped = transport.stats();

        transport.stop(GRACE);

        assertEquals(stopped, transport.stats());
        Transport next = track(createTransport(address, SETTINGS));
        next.start(UPPER_CASE);
        assertReply(client(address), "after", "AFTER");
    }

    @Test
    void doesNothingWhenStoppedBeforeTheStart() throws IOException {
        Transport transport = track(createTransport(freeAddress(), SETTINGS));

        transport.stop(GRACE);

        transport.start(UPPER_CASE);
        assertReply(client(transport), "started", "STARTED");
    }

    @Test
    void refusesASecondStartAndKeepsServing() {
        Transport transport = started("", UPPER_CASE);

        assertThrows(IllegalStateException.class, () -> transport.start(UPPER_CASE));

        assertReply(client(transport), "served", "SERVED");
    }

    /** Creates, tracks and starts a transport on a free address with the contract's settings and {@code settings}. */
    private Transport started(String settings, MessageService service) {
        Transport transport = track(createTransport(freeAddress(), SETTINGS + settings));
        try {
            transport.start(service);
        } catch (IOException e) {
            throw new AssertionError("the transport did not start: " + transport.description(), e);
        }
        return transport;
    }

    private Transport track(Transport transport) {
        transports.add(transport);
        return transport;
    }

    private ContractClient client(Transport transport) {
        return client(transport.localAddress());
    }

    private ContractClient client(SocketAddress address) {
        ContractClient client = connect(address);
        clients.add(client);
        return client;
    }

    private void closeClients() {
        clients.forEach(ContractClient::close);
        clients.clear();
    }

    private void assertReply(ContractClient client, String request, String expected) {
        client.send(bytes(request));
        assertEquals(expected, text(client.receive(expected.length())), "the reply to " + request);
    }

    private static List<String> threadsStartedSince(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive()
                        && thread.getName().startsWith("switchboard-"))
                .map(Thread::getName)
                .collect(Collectors.toList());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }
}
