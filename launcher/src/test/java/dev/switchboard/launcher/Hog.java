package dev.switchboard.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP client that sends and never reads, until the server stops reading from it: the server then
 * holds replies it cannot send, which a graceful stop waits for until its grace runs out or the
 * client goes. Closing it resets the connection.
 */
final class Hog implements AutoCloseable {

    private static final long STALLED_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);

    private final SocketChannel channel;

    private Hog(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * @param server a raw-framed tcp endpoint that answers each request
     * @return a client whose writes have stalled for half a second
     * @throws AssertionError if they do not stall within 15 seconds
     */
    static Hog stall(InetSocketAddress server) throws IOException {
        SocketChannel channel = SocketChannel.open(server);
        channel.configureBlocking(false);
        byte[] bytes = new byte[64 * 1024];
        Arrays.fill(bytes, (byte) 'a');
        ByteBuffer chunk = ByteBuffer.wrap(bytes);
        long deadline = System.nanoTime() + TIMEOUT_NANOS;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() - lastProgress < STALLED_NANOS) {
            if (System.nanoTime() - deadline > 0) {
                channel.close();
                throw new AssertionError("the server kept reading for 15 seconds from a client that never reads");
            }
            chunk.clear();
            if (channel.write(chunk) > 0) {
                lastProgress = System.nanoTime();
            } else {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
        }
        return new Hog(channel);
    }

    /** Closes with unread replies, which resets the connection. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.close();
        }
    }
}
