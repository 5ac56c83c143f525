package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LivenessTest {

    @Test
    void othersAnsweredWhileOneWaitsIsALoopThatStopped() {
        Liveness liveness = new Liveness("TCP");
        int waiting = liveness.register("tcp-raw");
        int sameEndpoint = liveness.register("tcp-raw");
        int otherEndpoint = liveness.register("tcp-line");
        long since = System.nanoTime();

        liveness.answered(sameEndpoint);
        liveness.answered(otherEndpoint);

        assertEquals("2 of the 2 other well-behaved TCP clients (1 on tcp-raw) were answered meanwhile:"
                + " a loop stopped serving this client", liveness.othersSince(waiting, since));
    }

    @Test
    void nobodyAnsweredWhileOneWaitsIsAServerThatStopped() {
        Liveness liveness = new Liveness("UDP");
        int waiting = liveness.register("udp");
        int other = liveness.register("udp");
        liveness.answered(other);
        long since = System.nanoTime();

        assertEquals("no other well-behaved UDP client was answered meanwhile: the server stopped answering UDP",
                liveness.othersSince(waiting, since));
    }
}
