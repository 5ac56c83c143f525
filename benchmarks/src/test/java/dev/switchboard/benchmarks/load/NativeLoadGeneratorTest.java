package dev.switchboard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The native load generator, compiled here with gcc, against a small upper-casing server: it
 * measures, and one wrong byte, a foreign reply or a closed connection fails its run as it fails
 * the Java generator's. Skipped where gcc is missing.
 */
@Timeout(60)
class NativeLoadGeneratorTest {

    private static final Path SOURCE = Path.of("native", "loadgen.c");
    private static final UnaryOperator<byte[]> UPPER_CASE = Payload::upperCase;

    @TempDir
    static Path build;
    private static NativeLoadGenerator generator;

    @BeforeAll
    static void compile() throws Exception {
        assumeTrue(NativeLoadGenerator.compilerAvailable(),
                "gcc is not installed: the native load generator cannot be built here (apt-get install gcc)");
        generator = NativeLoadGenerator.build(SOURCE, build);
    }

    /** About a second of traffic: 200 ms of warm-up, 800 ms measured. */
    private static LoadSpec second(Workload workload, InetSocketAddress address) {
        return LoadSpec.of(workload, address).withTiming(Duration.ofMillis(200), Duration.ofMillis(800));
    }

    private static LoadSpec brief(Workload workload, InetSocketAddress address) {
        return LoadSpec.of(workload, address).withTiming(Duration.ZERO, Duration.ofSeconds(5));
    }

    private static UnaryOperator<byte[]> wrongByteAfter(int goodReplies, int index) {
        int[] replies = {0};
        return request -> {
            byte[] reply = Payload.upperCase(request);
            if (replies[0]++ == goodReplies) {
                reply[index] = (byte) '#';
            }
            return reply;
        };
    }

    @Test
    void tcpPingPongMeasuresCheckedReplies() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(UPPER_CASE)) {
            Result result = generator.run(second(Workload.TCP_PINGPONG, server.address()).withShape(4, 1024, 1));
            assertTrue(result.messages() > 0, result.toLine());
            assertEquals(result.messages() * 1024, result.bytes());
            assertTrue(result.latency().p50() > 0 && result.latency().p50() <= result.latency().p99(), result.toLine());
            assertEquals("native", result.client());
        }
    }

    @Test
    void tcpPipelinedMatchesLinesInOrder() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(UPPER_CASE)) {
            Result result = generator.run(second(Workload.TCP_PIPELINED, server.address()).withShape(2, 64, 32));
            assertTrue(result.messages() > 0, result.toLine());
        }
    }

    @Test
    void udpMatchesEachDatagramWithItsRequest() throws Exception {
        try (FaultyServer server = FaultyServer.udp(UPPER_CASE)) {
            Result result = generator.run(second(Workload.UDP_PINGPONG, server.address()).withShape(2, 1400, 8));
            assertTrue(result.messages() > 0, result.toLine());
        }
    }

    @Test
    void churnOpensAConnectionPerRequest() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(UPPER_CASE)) {
            Result result = generator.run(second(Workload.TCP_CHURN, server.address()).withShape(2, 64, 1));
            assertTrue(result.messages() > 0, result.toLine());
        }
    }

    @Test
    void openLoopSendsOnScheduleAndReportsHowLate() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(UPPER_CASE)) {
            Result result = generator.run(second(Workload.TCP_PINGPONG, server.address()).withShape(4, 64, 1).withRate(2000));
            assertTrue(result.messages() > 0, result.toLine());
            assertTrue(result.sendLag().p99() >= result.sendLag().p50(), result.toLine());
            assertTrue(result.toJson().contains("\"rate\":2000,"), result.toJson());
        }
    }

    @Test
    void failsTcpOnASingleWrongByte() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(wrongByteAfter(10, 40))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> generator.run(brief(Workload.TCP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("wrong reply on tcp connection 0 to request #10 (64 bytes): "
                    + "byte 40 is '#' (0x23), expected"), failure.getMessage());
        }
    }

    @Test
    void failsWhenAReplyIsNotUpperCased() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(request -> request)) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> generator.run(brief(Workload.TCP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("byte 0 is 'a' (0x61), expected 'A' (0x41)"), failure.getMessage());
        }
    }

    @Test
    void failsUdpOnASingleWrongByte() throws Exception {
        try (FaultyServer server = FaultyServer.udp(wrongByteAfter(20, 50))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> generator.run(brief(Workload.UDP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("byte 50 is '#'"), failure.getMessage());
        }
    }

    @Test
    void failsUdpOnAReplyToNoRequest() throws Exception {
        try (FaultyServer server = FaultyServer.udp(request -> "HELLO FROM ELSEWHERE".getBytes(StandardCharsets.US_ASCII))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> generator.run(brief(Workload.UDP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("answers no request sent on this socket (it starts with \"HELLO FROM"),
                    failure.getMessage());
        }
    }

    @Test
    void failsUdpOnACutReply() throws Exception {
        try (FaultyServer server = FaultyServer.udp(request -> java.util.Arrays.copyOf(Payload.upperCase(request), 40))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> generator.run(brief(Workload.UDP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains(": 40 bytes, expected 64"), failure.getMessage());
        }
    }

    @Test
    void failsWhenTheServerClosesAConnection() throws Exception {
        int[] replies = {0};
        try (FaultyServer server = FaultyServer.tcp(request -> replies[0]++ < 5 ? UPPER_CASE.apply(request) : null)) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> generator.run(brief(Workload.TCP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("the server closed tcp connection 0 after"), failure.getMessage());
        }
    }

    @Test
    void failsWhenNoServerListens() throws Exception {
        InetSocketAddress nowhere;
        try (FaultyServer server = FaultyServer.tcp(UPPER_CASE)) {
            nowhere = server.address();
        }
        LoadFailure failure = assertThrows(LoadFailure.class, () -> generator.run(brief(Workload.TCP_PINGPONG, nowhere)));
        assertTrue(failure.getMessage().contains("cannot connect to 127.0.0.1:" + nowhere.getPort()), failure.getMessage());
    }
}
