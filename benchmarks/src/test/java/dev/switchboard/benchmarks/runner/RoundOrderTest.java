package dev.switchboard.benchmarks.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class RoundOrderTest {

    private static final List<String> SERVERS = List.of("switchboard", "netty-nio", "netty-epoll");

    @Test
    void theFirstRoundKeepsTheOrderGiven() {
        assertEquals(SERVERS, Runner.roundOrder(SERVERS, 1));
    }

    @Test
    void eachRoundBeginsWithTheServerAfterTheOneBefore() {
        assertEquals(List.of("netty-nio", "netty-epoll", "switchboard"), Runner.roundOrder(SERVERS, 2));
        assertEquals(List.of("netty-epoll", "switchboard", "netty-nio"), Runner.roundOrder(SERVERS, 3));
        assertEquals(SERVERS, Runner.roundOrder(SERVERS, 4));
    }

    @Test
    void oneServerOrNoneIsItsOwnOrder() {
        assertEquals(List.of("switchboard"), Runner.roundOrder(List.of("switchboard"), 2));
        assertEquals(List.of(), Runner.roundOrder(List.of(), 3));
    }
}
