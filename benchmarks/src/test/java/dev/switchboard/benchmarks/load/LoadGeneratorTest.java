package dev.switchboard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.benchmarks.netty.NettyServer;
import dev.switchboard.benchmarks.netty.NettyTransport;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every workload against the Netty baseline, briefly: the replies verify and something is measured. */
@Timeout(30)
class LoadGeneratorTest {

    private static final InetSocketAddress ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
    private static NettyServer server;

    @BeforeAll
    static void startServer() throws InterruptedException {
        server = NettyServer.start(NettyTransport.NIO, 2, ANY_PORT, ANY_PORT, ANY_PORT);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static LoadSpec brief(Workload workload, InetSocketAddress address) {
        return LoadSpec.of(workload, address).withTiming(Duration.ofMillis(100), Duration.ofMillis(300));
    }

    @Test
    void tcpPingPongGetsEveryReplyRight() throws Exception {
        Result result = LoadGenerator.run(brief(Workload.TCP_PINGPONG, server.tcpRawAddress()).withShape(4, 1024, 1));
        assertTrue(result.messages() > 0, result.toLine());
        assertEquals(result.messages() * 1024, result.bytes());
        assertTrue(result.latency().p50() > 0, result.toLine());
    }

    @Test
    void tcpPipelinedMatchesLinesInOrder() throws Exception {
        Result result = LoadGenerator.run(brief(Workload.TCP_PIPELINED, server.tcpLineAddress()).withShape(2, 64, 32));
        assertTrue(result.messages() > 0, result.toLine());
    }

    @Test
    void udpMatchesEachDatagramWithItsRequest() throws Exception {
        Result result = LoadGenerator.run(brief(Workload.UDP_PINGPONG, server.udpAddress()).withShape(2, 1400, 8));
        assertTrue(result.messages() > 0, result.toLine());
    }

    @Test
    void churnOpensAConnectionPerRequest() throws Exception {
        Result result = LoadGenerator.run(brief(Workload.TCP_CHURN, server.tcpRawAddress()).withShape(2, 64, 1));
        assertTrue(result.messages() > 0, result.toLine());
    }

    @Test
    void idleHoldsEveryConnectionAfterItsRequest() throws Exception {
        Result result = LoadGenerator.run(brief(Workload.TCP_IDLE, server.tcpRawAddress()).withShape(300, 64, 1));
        assertEquals(300, result.held());
        assertEquals(300, result.messages());
        assertEquals(-1, result.serverRssKiB(), "no server process given");
    }

    @Test
    void openLoopSendsOnScheduleOverSeveralThreads() throws Exception {
        LoadSpec spec = brief(Workload.TCP_PINGPONG, server.tcpRawAddress()).withShape(4, 64, 1).withRate(2000)
                .withClientThreads(2);
        Result result = LoadGenerator.run(spec);
        assertTrue(result.messages() > 0, result.toLine());
    }

    @Test
    void theEpollTransportDoesTheSameJob() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "no native epoll here");
        try (NettyServer epoll = NettyServer.start(NettyTransport.EPOLL, 1, ANY_PORT, ANY_PORT, ANY_PORT)) {
            assertTrue(LoadGenerator.run(brief(Workload.TCP_PINGPONG, epoll.tcpRawAddress())).messages() > 0);
            assertTrue(LoadGenerator.run(brief(Workload.TCP_PIPELINED, epoll.tcpLineAddress())).messages() > 0);
            assertTrue(LoadGenerator.run(brief(Workload.UDP_PINGPONG, epoll.udpAddress())).messages() > 0);
        }
    }

    @Test
    void printsOneJsonObjectPerRun() throws Exception {
        Result result = LoadGenerator.run(brief(Workload.TCP_PINGPONG, server.tcpRawAddress()));
        String json = result.toJson();
        assertTrue(json.startsWith("{\"label\":\"server\",\"workload\":\"tcp-pingpong\"") && json.endsWith("}"), json);
        assertEquals(1, json.lines().count());
    }
}
