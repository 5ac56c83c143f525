package dev.switchboard.transport.udp.batch;

import java.io.IOException;
import java.nio.channels.NetworkChannel;

/**
 * A datagram socket served by one thread through a {@link DatagramBatch}. Opening, binding and the
 * options are {@link NetworkChannel}'s ({@code SO_RCVBUF}, {@code SO_SNDBUF}, {@code SO_REUSEPORT}
 * at least); {@link #close()} may be called from any thread, also while a batch is in a system call
 * on it, and the socket's descriptor is released once no call uses it any more.
 */
public interface BatchDatagramSocket extends NetworkChannel {

    /**
     * Allocates the native buffers of one thread's batches on this socket.
     *
     * @param slots how many datagrams one {@link DatagramBatch#receive()} takes at most
     * @param slotBytes the largest datagram kept whole; a larger one is received cut short, with
     *     its true length
     * @param sendAreaBytes room for the replies staged between two sends; at least the largest
     *     reply to be staged
     * @param receiveTimeoutMillis how long {@link DatagramBatch#receive()} waits for a first
     *     datagram before it returns none; 0 = until one comes or {@link #stopReceiving()}
     * @return the batch, owned by the calling thread from now on, which closes it
     * @throws IOException if the socket refuses the receive timeout
     */
    DatagramBatch newBatch(int slots, int slotBytes, int sendAreaBytes, int receiveTimeoutMillis) throws IOException;

    /**
     * Wakes a thread waiting in {@link DatagramBatch#receive()} and makes every later receive
     * return at once with no datagram; sending still works. Safe from any thread.
     */
    void stopReceiving();

    /**
     * Safe from any thread.
     *
     * @return how many datagrams the kernel dropped on their way to this socket, mostly because its
     *     receive buffer was full, since it was opened
     * @throws IOException if the platform does not tell, or the socket is closed
     */
    long receiveDrops() throws IOException;
}
