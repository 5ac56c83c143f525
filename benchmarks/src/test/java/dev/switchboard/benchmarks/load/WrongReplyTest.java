package dev.switchboard.benchmarks.load;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A server that gets one byte wrong, or misbehaves otherwise, fails the run with a clear message. */
@Timeout(30)
class WrongReplyTest {

    private static final UnaryOperator<byte[]> UPPER_CASE = Payload::upperCase;

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
    void failsTcpOnASingleWrongByte() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(wrongByteAfter(10, 40))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> LoadGenerator.run(brief(Workload.TCP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("byte 40 is '#'"), failure.getMessage());
            assertTrue(failure.getMessage().contains("request #10"), failure.getMessage());
        }
    }

    @Test
    void failsWhenAReplyIsNotUpperCased() throws Exception {
        try (FaultyServer server = FaultyServer.tcp(request -> request)) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> LoadGenerator.run(brief(Workload.TCP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("byte 0 is 'a' (0x61), expected 'A' (0x41)"), failure.getMessage());
        }
    }

    @Test
    void failsUdpOnASingleWrongByte() throws Exception {
        try (FaultyServer server = FaultyServer.udp(wrongByteAfter(20, 50))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> LoadGenerator.run(brief(Workload.UDP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("byte 50 is '#'"), failure.getMessage());
        }
    }

    @Test
    void failsUdpOnAReplyToNoRequest() throws Exception {
        try (FaultyServer server = FaultyServer.udp(request -> "HELLO FROM ELSEWHERE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> LoadGenerator.run(brief(Workload.UDP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("answers no request"), failure.getMessage());
        }
    }

    @Test
    void failsWhenTheServerClosesAConnection() throws Exception {
        int[] replies = {0};
        try (FaultyServer server = FaultyServer.tcp(request -> replies[0]++ < 5 ? UPPER_CASE.apply(request) : null)) {
            LoadFailure failure = assertThrows(LoadFailure.class,
                    () -> LoadGenerator.run(brief(Workload.TCP_PINGPONG, server.address())));
            assertTrue(failure.getMessage().contains("closed tcp connection 0"), failure.getMessage());
        }
    }

    @Test
    void failsWhenNoServerListens() throws Exception {
        InetSocketAddress nowhere;
        try (FaultyServer server = FaultyServer.tcp(UPPER_CASE)) {
            nowhere = server.address();
        }
        LoadFailure failure = assertThrows(LoadFailure.class,
                () -> LoadGenerator.run(brief(Workload.TCP_PINGPONG, nowhere)));
        assertTrue(failure.getMessage().contains("cannot connect"), failure.getMessage());
    }
}
