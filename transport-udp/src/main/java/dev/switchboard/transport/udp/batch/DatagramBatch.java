package dev.switchboard.transport.udp.batch;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * One thread's native buffers on a {@link BatchDatagramSocket}: {@link #receive()} fills up to
 * {@link #slots()} slots with datagrams in one system call; replies are staged (copied) with
 * {@link #stage} and leave together in {@link #send}. Used by one thread only, the one that closes
 * it; the buffers it returns are valid until its next {@link #receive()} or {@link #close()}.
 */
public interface DatagramBatch extends AutoCloseable {

    /** @return how many datagrams one receive takes at most */
    int slots();

    /** @return the bytes of native memory this batch holds, for the memory budget */
    long nativeBytes();

    /**
     * Waits for a first datagram (or until the receive timeout, or {@link
     * BatchDatagramSocket#stopReceiving()}), then takes what else is waiting, up to {@link #slots()}.
     * Nothing may be staged: {@link #send} first.
     *
     * @return how many slots hold a datagram, from slot 0; 0 if none came
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     * @throws IOException if the system call fails for another reason
     */
    int receive() throws IOException;

    /**
     * @param slot one of the slots the last receive filled
     * @return its sender; null if the slot holds no datagram (a wake-up by {@link
     *     BatchDatagramSocket#stopReceiving()}). The same object as for the slot before it when
     *     both have the same sender.
     */
    InetSocketAddress sender(int slot);

    /**
     * @param slot one of the slots the last receive filled
     * @return the datagram's true length, more than the slot holds if it came cut short
     */
    int length(int slot);

    /**
     * @param slot one of the slots the last receive filled
     * @return the datagram's bytes (all of them unless cut short) between position 0 and the limit,
     *     in a direct buffer the caller may read and change until the next receive
     */
    ByteBuffer datagram(int slot);

    /**
     * @param bytes a reply's size
     * @return whether it can be staged now; if not, {@link #send} first
     */
    boolean hasRoom(int bytes);

    /**
     * Copies a reply, addressed to the sender of {@code slot}, to go out with the next {@link #send}.
     *
     * @param slot the slot whose datagram it answers
     * @param reply its bytes, between position and limit; the position is not moved
     * @throws IllegalStateException if there is no room
     */
    void stage(int slot, ByteBuffer reply);

    /**
     * Sends every staged reply (one system call when all leave), in the order staged, and reports
     * each one's fate to {@code outcomes}; nothing is staged afterwards.
     *
     * @param outcomes told of each reply, by its index in staging order, on this thread
     * @throws java.nio.channels.ClosedChannelException if the socket is closed
     */
    void send(SendOutcomes outcomes) throws IOException;

    /** Frees the native buffers. */
    @Override
    void close();

    /** What became of each staged reply. */
    interface SendOutcomes {

        /**
         * @param index the reply's index in staging order
         * @param bytes the bytes sent
         */
        void sent(int index, int bytes);

        /**
         * @param index the reply's index in staging order
         * @param failure why it did not leave
         * @param detail the operating system's words, such as {@code "Resource temporarily unavailable"}
         */
        void failed(int index, SendFailure failure, String detail);
    }

    /** Why a staged reply did not leave. */
    enum SendFailure {
        /** The socket's send buffer is full. */
        BUFFER_FULL,
        /** An earlier datagram to the peer met a closed port (ICMP port unreachable). */
        PEER_GONE,
        /** Any other error. */
        OTHER
    }
}
