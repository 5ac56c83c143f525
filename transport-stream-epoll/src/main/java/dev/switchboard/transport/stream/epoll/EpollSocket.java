package dev.switchboard.transport.stream.epoll;

import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * An accepted TCP connection: its descriptor, its addresses as accepted, and, once registered, its
 * {@link EpollPoller}, whose thread makes its calls with the poller's native scratch memory.
 */
final class EpollSocket implements StreamSocket {

    /** The descriptor; -1 once closed. */
    volatile int fd;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    EpollPoller poller;
    int interest;
    Object attachment;
    /** An edge reported input that no read has yet found to be the last: set and cleared by the poller. */
    boolean mayRead;
    /** The client shut its output: a read that leaves room in its buffer still has the end of the stream to find. */
    boolean inputShut;
    /** Whether the poller has it in its list of connections to visit after the next wait. */
    boolean revisiting;

    EpollSocket(int fd, InetSocketAddress remote, InetSocketAddress local) {
        this.fd = fd;
        this.remote = remote;
        this.local = local;
    }

    @Override
    public int read(ByteBuffer into) throws IOException {
        return registered().read(this, open(), into);
    }

    @Override
    public int write(ByteBuffer from) throws IOException {
        return registered().write(open(), from);
    }

    @Override
    public void shutdownOutput() throws IOException {
        registered().shutdownOutput(open());
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public SocketAddress localAddress() {
        return local;
    }

    @Override
    public int interest() {
        return interest;
    }

    @Override
    public void interest(int ops) throws IOException {
        registered().change(this, open(), ops);
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void close() {
        int closing = fd;
        if (closing < 0) {
            return;
        }
        fd = -1;
        if (poller != null) {
            poller.forget(closing, this); // closing the descriptor also takes it out of the epoll set
        }
        Syscalls.close(closing);
    }

    /** {@code shutdown(SHUT_RDWR)}: the client sees the end, and the descriptor stays this connection's until {@link #close()}. */
    @Override
    public void cut() {
        int open = fd;
        if (open >= 0) {
            Syscalls.shutdownBoth(open);
        }
    }

    private int open() throws ClosedChannelException {
        int open = fd;
        if (open < 0) {
            throw new ClosedChannelException();
        }
        return open;
    }

    private EpollPoller registered() {
        if (poller == null) {
            throw new IllegalStateException("the connection is not registered with a poller");
        }
        return poller;
    }
}
