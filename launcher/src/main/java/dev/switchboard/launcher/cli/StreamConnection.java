package dev.switchboard.launcher.cli;

import java.io.Closeable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Arrays;

/**
 * One stream connection of {@code send} (TCP or Unix-domain), with every wait bounded by a
 * deadline: a non-blocking channel and a selector, because a Unix-domain channel has no socket
 * timeout. Bytes read and not yet taken stay buffered for the next reply. Used by one thread.
 */
final class StreamConnection implements Closeable {

    /** The largest reply accepted: a bound on what a server can make the client hold. */
    static final int MAX_REPLY_BYTES = 16 << 20;

    private final Target target;
    private final Duration timeout;
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private ByteBuffer unread = ByteBuffer.allocate(8192).flip();

    private StreamConnection(Target target, Duration timeout, SocketChannel channel, Selector selector) throws IOException {
        this.target = target;
        this.timeout = timeout;
        this.channel = channel;
        this.selector = selector;
        this.key = channel.register(selector, 0);
    }

    /**
     * @param target a tcp or unix target
     * @param timeout the bound on connecting, and later on each reply
     * @return the connection, connected
     * @throws ClientFailure if the connection is refused, fails or takes longer than the timeout
     */
    static StreamConnection open(Target target, Duration timeout) throws ClientFailure {
        SocketAddress address = target.address();
        if (address instanceof InetSocketAddress inet) {
            address = new InetSocketAddress(inet.getHostString(), inet.getPort());
            if (((InetSocketAddress) address).isUnresolved()) {
                throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "unknown host " + inet.getHostString() + " in " + target);
            }
        }
        SocketChannel channel = null;
        try {
            channel = target.protocol() == Target.Protocol.UNIX
                    ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.configureBlocking(false);
            StreamConnection connection = new StreamConnection(target, timeout, channel, Selector.open());
            connection.connect(address);
            return connection;
        } catch (ConnectException e) {
            closeQuietly(channel);
            throw new ClientFailure(ExitStatus.REFUSED, "nothing listens at " + target + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ClientFailure(ExitStatus.CONNECTION_FAILED, "cannot connect to " + target + ": " + e.getMessage());
        } catch (ClientFailure e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private void connect(SocketAddress address) throws IOException, ClientFailure {
        if (channel.connect(address)) {
            return;
        }
        long deadline = deadline();
        key.interestOps(SelectionKey.OP_CONNECT);
        while (!channel.finishConnect()) {
            if (!await(deadline)) {
                throw new ClientFailure(ExitStatus.TIMEOUT,
                        "no connection to " + target + " within " + DurationConverter.format(timeout));
            }
        }
    }

    /** @return the deadline of a wait that starts now */
    long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Writes all of {@code bytes}.
     *
     * @throws ClientFailure if the connection fails, or the server reads nothing within the timeout
     */
    void write(ByteBuffer bytes) throws ClientFailure {
        long deadline = deadline();
        try {
            while (bytes.hasRemaining()) {
                if (channel.write(bytes) == 0) {
                    key.interestOps(SelectionKey.OP_WRITE);
                    if (!await(deadline)) {
                        throw new ClientFailure(ExitStatus.TIMEOUT,
                                target + " read nothing within " + DurationConverter.format(timeout));
                    }
                }
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /**
     * Reads what has arrived, waiting for it until the deadline.
     *
     * @param deadline a {@link System#nanoTime()}
     * @return the number of bytes read, 0 if the deadline passed first, -1 at end of stream
     * @throws ClientFailure if the connection fails or the unread bytes would exceed {@link #MAX_REPLY_BYTES}
     */
    int read(long deadline) throws ClientFailure {
        try {
            if (unread.capacity() - unread.remaining() == 0) {
                int limit = MAX_REPLY_BYTES + Integer.BYTES; // room for a length-prefixed reply's header
                if (unread.capacity() >= limit) {
                    throw new ClientFailure(ExitStatus.CONNECTION_FAILED,
                            target + " sent a reply of more than " + (MAX_REPLY_BYTES >> 20) + " MiB");
                }
                unread = ByteBuffer.allocate(Math.min(unread.capacity() * 2, limit)).put(unread).flip();
            }
            unread.compact();
            try {
                key.interestOps(SelectionKey.OP_READ);
                int read;
                while ((read = channel.read(unread)) == 0 && await(deadline)) {
                    // woken up: read again
                }
                return read;
            } finally {
                unread.flip();
            }
        } catch (IOException e) {
            throw failed(e);
        }
    }

    /** @return the bytes read and not yet taken, from position to limit; the caller only reads them */
    ByteBuffer unread() {
        return unread;
    }

    /**
     * @param length how many of the unread bytes make the reply
     * @param skip how many bytes after them to discard (a terminator)
     * @return the reply
     */
    byte[] take(int length, int skip) {
        int start = unread.position();
        byte[] reply = Arrays.copyOfRange(unread.array(), start, start + length);
        unread.position(start + length + skip);
        return reply;
    }

    /** @return the failure of a reply the server did not send in time */
    ClientFailure noReply() {
        return new ClientFailure(ExitStatus.TIMEOUT, "no reply from " + target + " within " + DurationConverter.format(timeout));
    }

    /** @return the failure of a connection the server closed before the whole reply */
    ClientFailure closedEarly() {
        return new ClientFailure(ExitStatus.CONNECTION_FAILED, target + " closed the connection "
                + (unread.hasRemaining() ? "in the middle of a reply" : "without replying"));
    }

    private ClientFailure failed(IOException e) {
        return new ClientFailure(ExitStatus.CONNECTION_FAILED, "the connection to " + target + " failed: " + e.getMessage());
    }

    /** @return whether the channel became ready before the deadline */
    private boolean await(long deadline) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
        selector.selectedKeys().clear();
        return true;
    }

    @Override
    public void close() {
        closeQuietly(channel);
        try {
            selector.close();
        } catch (IOException e) {
            // nothing to release beyond the file descriptor the close tried to
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the connection is being abandoned
            }
        }
    }
}
