package dev.switchboard.transport.stream.epoll;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import dev.switchboard.transport.sockaddr.Errno;
import dev.switchboard.transport.sockaddr.SocketAddresses;
import dev.switchboard.transport.stream.io.Listener;
import dev.switchboard.transport.stream.io.StreamSocket;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/**
 * A TCP listening socket made with {@code socket}, {@code setsockopt}, {@code bind} and
 * {@code listen}, non-blocking, with {@code TCP_NODELAY} (which Linux passes on to every connection
 * it accepts, so that none needs a {@code setsockopt} of its own). {@link #accept()} is
 * {@code accept4} with {@code SOCK_NONBLOCK | SOCK_CLOEXEC}, taking the client's address from the
 * same call; {@link #await()} is {@code poll} on the socket and an eventfd that
 * {@link #wakeUp()} and {@link #close()} write.
 *
 * <p>The acceptor's thread calls {@link #accept()} and {@link #await()}; another thread may close
 * the listener meanwhile: the descriptor is released once no call uses it, so that its number,
 * which the kernel may give to the next file opened, is never used after.
 */
final class EpollListener implements Listener {

    private final int fd;
    private final int wakeFd;
    private final InetSocketAddress bound;
    /** Whether connections come in on several local addresses (a wildcard bind): each one's is asked for. */
    private final boolean wildcard;
    private final MemorySegment capture;
    private final MemorySegment peer;
    private final MemorySegment length;
    private final MemorySegment pollFds;
    private final MemorySegment counter;
    private final MemorySegment wakeCapture;
    private final MemorySegment one;
    /** The last local address asked for: connections on the same one share the object. */
    private InetSocketAddress lastLocal;

    private final Object lock = new Object();
    private int callers;
    private boolean closed;
    private boolean released;

    private EpollListener(int fd, int wakeFd, InetSocketAddress bound, Arena arena) {
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.bound = bound;
        this.wildcard = bound.getAddress().isAnyLocalAddress();
        this.capture = arena.allocate(Syscalls.CAPTURE);
        this.peer = arena.allocate(SocketAddresses.IPV6_BYTES, 8);
        this.length = arena.allocate(JAVA_INT);
        this.pollFds = arena.allocate(16, 8);
        this.counter = arena.allocate(JAVA_LONG);
        this.wakeCapture = arena.allocate(Syscalls.CAPTURE);
        this.one = arena.allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        pollFds.set(JAVA_INT, 0, fd);
        pollFds.set(JAVA_SHORT, 4, Syscalls.POLLIN);
        pollFds.set(JAVA_INT, 8, wakeFd);
        pollFds.set(JAVA_SHORT, 12, Syscalls.POLLIN);
    }

    /**
     * @param address where to bind: its family is the socket's (an IPv6 one serves IPv4 too)
     * @param backlog connections the kernel may queue
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @return the listening socket
     * @throws java.net.BindException if the address cannot be bound
     * @throws IOException if the socket cannot be made; nothing is left open then
     */
    static EpollListener open(InetSocketAddress address, int backlog, boolean reusePort) throws IOException {
        Arena arena = Arena.ofAuto();
        MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
        boolean ipv6 = !(address.getAddress() instanceof Inet4Address);
        int fd = -1;
        int wakeFd = -1;
        try {
            fd = Syscalls.socket(capture, ipv6 ? Syscalls.AF_INET6 : Syscalls.AF_INET,
                    Syscalls.SOCK_STREAM | Syscalls.SOCK_NONBLOCK | Syscalls.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw Errno.exception("socket", Syscalls.errno(capture));
            }
            MemorySegment value = arena.allocate(JAVA_INT);
            setOption(capture, value, fd, Syscalls.SOL_SOCKET, Syscalls.SO_REUSEADDR, 1);
            if (reusePort) {
                setOption(capture, value, fd, Syscalls.SOL_SOCKET, Syscalls.SO_REUSEPORT, 1);
            }
            if (ipv6) {
                setOption(capture, value, fd, Syscalls.IPPROTO_IPV6, Syscalls.IPV6_V6ONLY, 0);
            }
            setOption(capture, value, fd, Syscalls.IPPROTO_TCP, Syscalls.TCP_NODELAY, 1);
            MemorySegment sockaddr = arena.allocate(SocketAddresses.IPV6_BYTES, 8);
            int addressLength = SocketAddresses.encode(address, ipv6, sockaddr, 0);
            if (Syscalls.bind(capture, fd, sockaddr, addressLength) < 0) {
                throw Errno.exception("bind", Syscalls.errno(capture));
            }
            if (Syscalls.listen(capture, fd, backlog) < 0) {
                throw Errno.exception("listen", Syscalls.errno(capture));
            }
            InetSocketAddress bound = localAddress(capture, fd, sockaddr, value);
            wakeFd = Syscalls.eventfd(capture, 0, Syscalls.EFD_NONBLOCK | Syscalls.EFD_CLOEXEC);
            if (wakeFd < 0) {
                throw Errno.exception("eventfd", Syscalls.errno(capture));
            }
            return new EpollListener(fd, wakeFd, bound, arena);
        } catch (IOException | RuntimeException | Error e) {
            if (fd >= 0) {
                Syscalls.close(fd);
            }
            throw e;
        }
    }

    @Override
    public StreamSocket accept() throws IOException {
        enter();
        try {
            while (true) {
                length.set(JAVA_INT, 0, SocketAddresses.IPV6_BYTES);
                int accepted = Syscalls.accept4(capture, fd, peer, length,
                        Syscalls.SOCK_NONBLOCK | Syscalls.SOCK_CLOEXEC);
                if (accepted >= 0) {
                    return connection(accepted);
                }
                int errno = Syscalls.errno(capture);
                switch (errno) {
                    case Syscalls.EAGAIN:
                        return null;
                    case Syscalls.EINTR, Syscalls.ECONNABORTED: // a client that left before it was accepted
                        continue;
                    case Syscalls.EBADF, Syscalls.EINVAL:
                        throw new ClosedChannelException();
                    default:
                        throw Errno.exception("accept", errno);
                }
            }
        } finally {
            leave();
        }
    }

    private EpollSocket connection(int accepted) throws IOException {
        try {
            InetSocketAddress remote = SocketAddresses.decode(peer, 0);
            InetSocketAddress local = bound;
            if (wildcard) {
                local = localAddress(capture, accepted, peer, length);
                if (local.equals(lastLocal)) {
                    local = lastLocal;
                }
                lastLocal = local;
            }
            return new EpollSocket(accepted, remote, local);
        } catch (IOException | RuntimeException e) {
            Syscalls.close(accepted);
            throw e;
        }
    }

    /** Nothing to do: {@code TCP_NODELAY} came from the listening socket, and the socket is non-blocking. */
    @Override
    public void configure(StreamSocket connection) {}

    @Override
    public void await() throws IOException {
        enter();
        try {
            int ready = Syscalls.poll(capture, pollFds, 2L);
            if (ready < 0 && Syscalls.errno(capture) != Syscalls.EINTR) {
                throw Errno.exception("poll", Syscalls.errno(capture));
            }
            if (ready > 0 && pollFds.get(JAVA_SHORT, 14) != 0) {
                long ignored = Syscalls.read(capture, wakeFd, counter.address(), 8L);
            }
        } finally {
            leave();
        }
    }

    @Override
    public void wakeUp() {
        synchronized (lock) {
            if (!released) {
                signal();
            }
        }
    }

    @Override
    public SocketAddress localAddress() {
        return bound;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            if (callers == 0) {
                release();
            } else {
                signal(); // the caller in await() returns, and releases the descriptors as it leaves
            }
        }
    }

    private void enter() throws ClosedChannelException {
        synchronized (lock) {
            if (closed) {
                throw new ClosedChannelException();
            }
            callers++;
        }
    }

    private void leave() {
        synchronized (lock) {
            callers--;
            if (closed && callers == 0 && !released) {
                release();
            }
        }
    }

    private void release() {
        released = true;
        Syscalls.close(fd);
        Syscalls.close(wakeFd);
    }

    private void signal() {
        long ignored = Syscalls.write(wakeCapture, wakeFd, one.address(), 8L);
    }

    private static InetSocketAddress localAddress(MemorySegment capture, int fd, MemorySegment sockaddr,
            MemorySegment length) throws IOException {
        length.set(JAVA_INT, 0, SocketAddresses.IPV6_BYTES);
        if (Syscalls.getsockname(capture, fd, sockaddr, length) < 0) {
            throw Errno.exception("getsockname", Syscalls.errno(capture));
        }
        return SocketAddresses.decode(sockaddr, 0);
    }

    private static void setOption(MemorySegment capture, MemorySegment value, int fd, int level, int name, int on)
            throws IOException {
        value.set(JAVA_INT, 0, on);
        if (Syscalls.setsockopt(capture, fd, level, name, value, 4) < 0) {
            throw Errno.exception("setsockopt", Syscalls.errno(capture));
        }
    }
}
