package dev.switchboard.transport.udp;

/**
 * The thread body that serves one socket of an endpoint: a {@link ReceiveLoop} ({@code java.nio}) or
 * a {@link BatchLoop} (a batch of datagrams per system call).
 */
interface ServingLoop extends Runnable {

    /** Asks the loop to end once it has answered the datagrams in hand; safe from any thread. */
    void stop();

    /**
     * Releases what the loop holds besides its socket, once it has ended or has been left behind;
     * safe from any thread.
     */
    void close();
}
