package dev.switchboard.transport.stream.epoll;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Await;
import dev.switchboard.transport.stream.io.Poller;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EpollPollerTest {

    private static final Object CONNECTION = "the loop's connection";

    private EpollListener listener;
    private EpollPoller poller;
    private SocketChannel client;
    private EpollSocket server;

    @BeforeEach
    void connect() throws IOException {
        listener = EpollListener.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16, false);
        poller = EpollPoller.open();
        client = SocketChannel.open(listener.localAddress());
        server = EpollListenerTest.awaitConnection(listener);
    }

    @AfterEach
    void close() throws IOException {
        server.close();
        client.close();
        poller.close();
        listener.close();
    }

    @Test
    void reportsAConnectionReadyToReadOnceItsClientSends() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        assertEquals(List.of(), pollOnce(1));
        client.write(US_ASCII.encode("hello"));
        List<Integer> ready = pollUntilReady();
        assertEquals(List.of(Poller.READ), ready);
        assertSame(CONNECTION, server.attachment());
    }

    @Test
    void readsIntoADirectBufferAndWritesFromIt() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        client.write(US_ASCII.encode("hello"));
        pollUntilReady();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        buffer.position(3);
        assertEquals(5, server.read(buffer));
        assertEquals(8, buffer.position());
        assertEquals(5, server.write(buffer.flip().position(3)));
        assertEquals("hello", receive(5));
    }

    @Test
    void readsIntoAHeapBufferAndWritesFromIt() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        client.write(US_ASCII.encode("heap"));
        pollUntilReady();
        ByteBuffer buffer = ByteBuffer.allocate(64);
        assertEquals(4, server.read(buffer));
        assertEquals(4, server.write(buffer.flip()));
        assertEquals("heap", receive(4));
    }

    @Test
    void readsNothingWhileNothingCameAndMinusOneAtTheEndOfTheStream() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        ByteBuffer buffer = ByteBuffer.allocateDirect(64);
        assertEquals(0, server.read(buffer));
        client.shutdownOutput();
        pollUntilReady();
        assertEquals(-1, server.read(buffer));
    }

    @Test
    void sendsTheEndOfTheStreamOnShutdownOutput() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        server.shutdownOutput();
        assertEquals(-1, client.read(ByteBuffer.allocate(1)));
    }

    @Test
    void failsAWriteToAResetConnectionWithTheWordsJavaNioUses() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        client.setOption(StandardSocketOptions.SO_LINGER, 0);
        client.close(); // a reset
        pollUntilReady();
        IOException failed = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 100; i++) {
                server.write(ByteBuffer.allocateDirect(1024));
            }
        });
        assertTrue(failed.getMessage().equals("Connection reset by peer") || failed.getMessage().equals("Broken pipe"),
                failed.getMessage());
    }

    @Test
    void reportsNothingForAConnectionInterestedInNothing() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        server.interest(0);
        client.write(US_ASCII.encode("waits"));
        assertEquals(List.of(), pollOnce(50));
        server.interest(Poller.READ);
        assertEquals(List.of(Poller.READ), pollUntilReady());
    }

    @Test
    void comesBackAfterTheNextWaitToAConnectionWhoseReadFilledItsBuffer() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        client.write(US_ASCII.encode("more than ten bytes"));
        pollUntilReady();
        assertEquals(10, server.read(ByteBuffer.allocateDirect(10)));
        // nothing new came: edge-triggered, only the poller's memory of unread input reports it again
        assertEquals(List.of(Poller.READ), pollOnce(5_000));
        assertEquals(9, server.read(ByteBuffer.allocateDirect(10)));
        assertEquals(List.of(), pollOnce(50));
    }

    @Test
    void comesBackForTheEndOfTheStreamAfterAReadThatLeftRoom() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        client.write(US_ASCII.encode("last"));
        client.shutdownOutput();
        assertEquals(List.of(Poller.READ), pollUntilReady());
        assertEquals(4, server.read(ByteBuffer.allocateDirect(64)));
        // one edge may have brought both the bytes and the end: the end is still to be read
        assertEquals(List.of(Poller.READ), pollOnce(5_000));
        assertEquals(-1, server.read(ByteBuffer.allocateDirect(64)));
    }

    @Test
    void aClientThatKeepsSendingIsVisitedOncePerWaitSoThatAnotherIsServed() throws IOException {
        try (SocketChannel otherClient = SocketChannel.open(listener.localAddress());
                EpollSocket other = EpollListenerTest.awaitConnection(listener)) {
            poller.register(server, Poller.READ, CONNECTION);
            poller.register(other, Poller.READ, CONNECTION);
            client.write(ByteBuffer.allocate(32 * 1024));
            ByteBuffer chunk = ByteBuffer.allocateDirect(1024);
            List<StreamSocket> ready = new ArrayList<>();
            Poller.ReadyHandler readChunk = (socket, ops) -> {
                ready.add(socket);
                try {
                    socket.read(chunk.clear());
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            };
            poller.poll(5_000, readChunk);
            assertEquals(List.of(server), ready);
            otherClient.write(US_ASCII.encode("me too"));
            ready.clear();
            poller.poll(5_000, readChunk);
            assertEquals(2, ready.size(), "each read once: " + ready);
            assertTrue(ready.contains(server) && ready.contains(other), ready.toString());
            ready.clear();
            poller.poll(5_000, readChunk);
            assertEquals(List.of(server), ready); // the one with input left, once
        }
    }

    @Test
    void reportsAConnectionReadyToWriteWhileInterestedInWriting() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        server.interest(Poller.READ | Poller.WRITE);
        assertEquals(List.of(Poller.WRITE), pollUntilReady());
        assertEquals(Poller.READ | Poller.WRITE, server.interest());
    }

    @Test
    void forgetsAClosedConnection() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        client.write(US_ASCII.encode("late"));
        server.close();
        assertEquals(List.of(), pollOnce(50));
        List<StreamSocket> registered = new ArrayList<>();
        poller.forEach(registered::add);
        assertEquals(List.of(), registered);
        assertThrows(ClosedChannelException.class, () -> server.read(ByteBuffer.allocateDirect(8)));
    }

    @Test
    void visitsEveryRegisteredConnection() throws IOException {
        poller.register(server, Poller.READ, CONNECTION);
        List<StreamSocket> registered = new ArrayList<>();
        poller.forEach(registered::add);
        assertEquals(List.of(server), registered);
    }

    @Test
    void aWakeUpFromAnotherThreadEndsAPoll() throws Exception {
        CompletableFuture<Void> waking = CompletableFuture.runAsync(poller::wakeUp);
        long start = System.nanoTime();
        poller.poll(60_000, (socket, ops) -> {});
        assertTrue(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) < 20);
        waking.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aPollWithoutATimeoutWaitsUntilWokenUp() throws Exception {
        CompletableFuture<Void> waking = CompletableFuture.runAsync(poller::wakeUp,
                CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS));
        long start = System.nanoTime();
        poller.poll(0, (socket, ops) -> {});
        assertFalse(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(150), "returned before the wake-up");
        waking.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aWakeUpBeforeAPollEndsThatPollOnlyOnce() throws IOException {
        poller.wakeUp();
        poller.wakeUp();
        assertEquals(List.of(), pollOnce(60_000)); // returns at once
        long start = System.nanoTime();
        pollOnce(50);
        assertFalse(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(40), "the wake-up was consumed");
    }

    @Test
    void keepsWakingUpWhileAnotherThreadWakesItUpWithoutPause() throws Exception {
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> waking = CompletableFuture.runAsync(() -> {
            while (!done.get()) {
                poller.wakeUp();
            }
        });
        try {
            for (int i = 0; i < 20_000; i++) {
                long start = System.nanoTime();
                poller.poll(5_000, (socket, ops) -> {});
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4), "poll " + i + " slept through the wake-ups");
            }
        } finally {
            done.set(true);
            waking.get(10, TimeUnit.SECONDS);
        }
    }

    private List<Integer> pollOnce(long timeoutMillis) throws IOException {
        List<Integer> ready = new ArrayList<>();
        poller.poll(timeoutMillis, (socket, ops) -> {
            assertSame(server, socket);
            ready.add(ops);
        });
        return ready;
    }

    private List<Integer> pollUntilReady() throws IOException {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Integer> ready = pollOnce(100);
            if (!ready.isEmpty()) {
                return ready;
            }
        }
        throw new AssertionError("nothing ready within " + Await.TIMEOUT);
    }

    @Test
    void aCutEndsTheConnectionForItsClientButKeepsItsDescriptorUntilClosed() throws Exception {
        poller.register(server, Poller.READ, CONNECTION);
        int descriptor = server.fd;
        CompletableFuture.runAsync(server::cut).get(10, TimeUnit.SECONDS); // as a stop's thread does
        assertEquals(-1, client.read(ByteBuffer.allocate(1)));
        assertEquals(descriptor, server.fd);
        assertEquals(-1, server.read(ByteBuffer.allocateDirect(8)));
        server.close();
        assertEquals(-1, server.fd);
    }

    private String receive(int length) throws IOException {
        ByteBuffer received = ByteBuffer.allocate(length);
        while (received.hasRemaining()) {
            if (client.read(received) < 0) {
                break;
            }
        }
        return new String(received.array(), 0, received.position(), US_ASCII);
    }
}
