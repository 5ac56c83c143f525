package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.benchmarks.netty.NettyServer;
import dev.switchboard.benchmarks.netty.NettyTransport;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class ReadinessTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void aListeningTcpEndpointIsReady() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, ANY_PORT.getAddress())) {
            assertTrue(Readiness.acceptsConnection(new InetSocketAddress("127.0.0.1", server.getLocalPort())));
        }
    }

    @Test
    void aUdpEndpointIsReadyOnceItAnswersInUpperCase() throws Exception {
        try (NettyServer netty = NettyServer.start(NettyTransport.NIO, 1, null, null, ANY_PORT)) {
            assertTrue(Readiness.await(List.of(), List.of(netty.udpAddress()), () -> true, TimeUnit.SECONDS.toNanos(10)));
        }
    }

    @Test
    void aUdpSocketThatDoesNotAnswerIsNotReady() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(ANY_PORT)) {
            assertFalse(Readiness.answersDatagram((InetSocketAddress) silent.getLocalSocketAddress()));
        }
    }

    @Test
    void stopsWaitingWhenTheServerDies() throws Exception {
        InetSocketAddress closed;
        try (ServerSocket server = new ServerSocket(0, 10, ANY_PORT.getAddress())) {
            closed = new InetSocketAddress("127.0.0.1", server.getLocalPort());
        }
        assertFalse(Readiness.await(List.of(closed), List.of(), () -> false, TimeUnit.SECONDS.toNanos(10)));
    }
}
