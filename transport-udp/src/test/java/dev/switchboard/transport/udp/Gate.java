package dev.switchboard.transport.udp;

import dev.switchboard.testkit.Await;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Holds the service threads that reach it until the test opens it; the test learns when one arrives. */
final class Gate {

    private final CountDownLatch arrived;
    private final CountDownLatch open = new CountDownLatch(1);

    /** A gate a test waits for one thread to reach. */
    Gate() {
        this(1);
    }

    /** @param arrivals how many arrivals {@link #awaitArrivals()} waits for */
    Gate(int arrivals) {
        this.arrived = new CountDownLatch(arrivals);
    }

    /** Called by a service: waits, interruptibly and at most 30 s, until the gate opens. */
    void pass() throws InterruptedException {
        arrived.countDown();
        if (!open.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test never opened the gate");
        }
    }

    void awaitArrivals() throws InterruptedException {
        if (!arrived.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no service thread reached the gate");
        }
    }

    void open() {
        open.countDown();
    }
}
