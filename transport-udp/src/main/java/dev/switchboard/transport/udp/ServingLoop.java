package dev.switchboard.transport.udp;

import java.util.concurrent.CountDownLatch;

/**
 * The thread body that serves one socket of an endpoint: a {@link ReceiveLoop} ({@code java.nio}) or
 * a {@link BatchLoop} (a batch of datagrams per system call).
 */
interface ServingLoop extends Runnable {

    /** Asks the loop to end once it has answered the datagrams in hand; safe from any thread. */
    void stop();

    /**
     * Asks the loop to end once it has answered the datagrams in hand, leaving its socket as it is:
     * another loop receives from it already, and takes every datagram this one leaves queued. Safe
     * from any thread; the loop may take up to a second to notice.
     */
    void leave();

    /**
     * Counts {@code latch} down once the loop is between two datagrams: at once if it waits for
     * one or has ended (a loop that {@linkplain #leave left} its socket ends), else once it has
     * finished the ones in hand. Safe from any thread, one latch at a time.
     *
     * @param latch what to count down
     */
    void afterPass(CountDownLatch latch);

    /**
     * Releases what the loop holds besides its socket, once it has ended or has been left behind;
     * safe from any thread.
     */
    void close();
}
