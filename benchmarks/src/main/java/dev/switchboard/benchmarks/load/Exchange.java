package dev.switchboard.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * One request and the reply it must get, reused from one request to the next: {@link Payload}
 * stamps a new lane and sequence number into both before each send.
 */
final class Exchange {

    final byte[] request;
    final byte[] reply;
    /** The expected reply, for comparing with a received buffer without copying it. */
    final ByteBuffer expected;
    long sequence;
    /** When the request was sent or, in open loop, was meant to be sent. */
    long sentAt;
    boolean pending;

    Exchange(byte[] request, byte[] reply) {
        this.request = request;
        this.reply = reply;
        this.expected = ByteBuffer.wrap(reply);
    }
}
