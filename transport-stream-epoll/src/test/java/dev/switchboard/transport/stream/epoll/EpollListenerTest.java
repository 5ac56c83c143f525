package dev.switchboard.transport.stream.epoll;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testkit.Await;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class EpollListenerTest {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void acceptsNothingWhileNoConnectionIsQueued() throws IOException {
        try (EpollListener listener = EpollListener.open(LOOPBACK, 16, false)) {
            assertNull(listener.accept());
        }
    }

    @Test
    void acceptsAConnectionWithTheClientsAddressAndTheBoundOne() throws IOException {
        try (EpollListener listener = EpollListener.open(LOOPBACK, 16, false);
                SocketChannel client = SocketChannel.open(listener.localAddress())) {
            EpollSocket accepted = awaitConnection(listener);
            try {
                assertEquals(client.getLocalAddress(), accepted.remoteAddress());
                assertEquals(listener.localAddress(), accepted.localAddress());
            } finally {
                accepted.close();
            }
        }
    }

    @Test
    void givesEachConnectionTcpNoDelayFromTheListeningSocket() throws IOException {
        try (EpollListener listener = EpollListener.open(LOOPBACK, 16, false);
                SocketChannel client = SocketChannel.open(listener.localAddress())) {
            EpollSocket accepted = awaitConnection(listener);
            try {
                assertEquals(1, tcpNoDelay(accepted.fd));
            } finally {
                accepted.close();
            }
        }
    }

    @Test
    void sharesTheLocalAddressOfConnectionsToAWildcardBind() throws IOException {
        try (EpollListener listener = EpollListener.open(new InetSocketAddress(0), 16, false)) {
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            InetSocketAddress target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            try (SocketChannel first = SocketChannel.open(target); SocketChannel second = SocketChannel.open(target)) {
                EpollSocket one = awaitConnection(listener);
                EpollSocket two = awaitConnection(listener);
                try {
                    assertEquals(target, one.localAddress());
                    assertSame(one.localAddress(), two.localAddress());
                } finally {
                    one.close();
                    two.close();
                }
            }
        }
    }

    @Test
    void refusesAnAddressInUseWithABindException() throws IOException {
        try (EpollListener listener = EpollListener.open(LOOPBACK, 16, false)) {
            BindException refused = assertThrows(BindException.class,
                    () -> EpollListener.open((InetSocketAddress) listener.localAddress(), 16, false));
            assertEquals("Address already in use", refused.getMessage());
        }
    }

    @Test
    void sharesAPortWithAnotherListenerWhenBothReuseIt() throws IOException {
        try (EpollListener first = EpollListener.open(LOOPBACK, 16, true);
                EpollListener second = EpollListener.open((InetSocketAddress) first.localAddress(), 16, true)) {
            assertEquals(first.localAddress(), second.localAddress());
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitAndTheNextAcceptSaysClosed() throws Exception {
        EpollListener listener = EpollListener.open(LOOPBACK, 16, false);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            started.countDown();
            try {
                listener.await();
            } catch (ClosedChannelException e) { // closed before the wait began: it ends as well
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        listener.close();
        waiting.get(10, TimeUnit.SECONDS);
        assertThrows(ClosedChannelException.class, listener::accept);
    }

    @Test
    void aWakeUpEndsAWait() throws Exception {
        try (EpollListener listener = EpollListener.open(LOOPBACK, 16, false)) {
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
                try {
                    listener.await();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            listener.wakeUp();
            waiting.get(10, TimeUnit.SECONDS);
            assertTrue(waiting.isDone());
        }
    }

    /** Waits as the acceptor does, then accepts. */
    static EpollSocket awaitConnection(EpollListener listener) throws IOException {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            EpollSocket accepted = (EpollSocket) listener.accept();
            if (accepted != null) {
                return accepted;
            }
            listener.await();
        }
        throw new AssertionError("no connection within " + Await.TIMEOUT);
    }

    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)} */
    private static int tcpNoDelay(int fd) {
        Linker linker = Linker.nativeLinker();
        MethodHandle getsockopt = linker.downcallHandle(linker.defaultLookup().find("getsockopt").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment value = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, 4);
            int result = (int) getsockopt.invokeExact(fd, Syscalls.IPPROTO_TCP, Syscalls.TCP_NODELAY, value, length);
            assertEquals(0, result);
            return value.get(JAVA_INT, 0);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }
}
