package dev.switchboard.transport.udp.mmsg;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.switchboard.transport.sockaddr.Errno;
import dev.switchboard.transport.sockaddr.SocketAddresses;
import dev.switchboard.transport.udp.batch.BatchDatagramSocket;
import dev.switchboard.transport.udp.batch.DatagramBatch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.UnsupportedAddressTypeException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A blocking UDP socket opened and used through the C library. Every system call on its descriptor
 * holds a use of it ({@link #acquire}, {@link #release}); {@link #close} shuts the socket down at
 * once (waking a thread blocked in a receive) and closes the descriptor when the last use ends, so
 * that a late call never reaches a descriptor number the process has since reused.
 */
final class NativeDatagramSocket implements BatchDatagramSocket {

    private static final Set<SocketOption<?>> OPTIONS = Set.of(
            StandardSocketOptions.SO_RCVBUF, StandardSocketOptions.SO_SNDBUF, StandardSocketOptions.SO_REUSEPORT);
    /** Added to {@link #uses} once closed: the count of calls in progress stays in the bits below. */
    private static final int CLOSED = 1 << 30;

    private final int fd;
    private final boolean ipv6;
    private final AtomicInteger uses = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile InetSocketAddress localAddress;

    private NativeDatagramSocket(int fd, boolean ipv6) {
        this.fd = fd;
        this.ipv6 = ipv6;
    }

    /**
     * @param family {@code INET} or {@code INET6}; an IPv6 socket serves IPv4 too
     * @return an open, unbound, blocking socket
     * @throws UnsupportedOperationException if the family is not available here
     * @throws IOException if the socket cannot be opened
     */
    static NativeDatagramSocket open(ProtocolFamily family) throws IOException {
        boolean ipv6 = family == StandardProtocolFamily.INET6;
        if (!ipv6 && family != StandardProtocolFamily.INET) {
            throw new UnsupportedOperationException("not an IP protocol family: " + family);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
            int fd = Syscalls.socket(capture, ipv6 ? Syscalls.AF_INET6 : Syscalls.AF_INET,
                    Syscalls.SOCK_DGRAM | Syscalls.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                int errno = Syscalls.errno(capture);
                if (errno == Syscalls.EAFNOSUPPORT) {
                    throw new UnsupportedOperationException(Errno.message(errno));
                }
                throw Errno.exception("socket", errno);
            }
            NativeDatagramSocket socket = new NativeDatagramSocket(fd, ipv6);
            if (ipv6) {
                try {
                    socket.setInt(Syscalls.IPPROTO_IPV6, Syscalls.IPV6_V6ONLY, 0); // as the JDK's: IPv4 too
                } catch (IOException | RuntimeException e) {
                    socket.close();
                    throw e;
                }
            }
            return socket;
        }
    }

    /** @return whether it is an IPv6 socket */
    boolean isIpv6() {
        return ipv6;
    }

    /**
     * Marks a system call on the descriptor as in progress; pair with {@link #release()}.
     *
     * @return the descriptor
     * @throws ClosedChannelException if the socket is closed
     */
    int acquire() throws ClosedChannelException {
        if (uses.incrementAndGet() > CLOSED) {
            release();
            throw new ClosedChannelException();
        }
        return fd;
    }

    /** Ends a use; the last one after {@link #close} closes the descriptor. */
    void release() {
        if (uses.decrementAndGet() == CLOSED) {
            closeDescriptor();
        }
    }

    @Override
    public NativeDatagramSocket bind(SocketAddress local) throws IOException {
        if (localAddress != null) {
            throw new AlreadyBoundException();
        }
        if (!(local instanceof InetSocketAddress address) || address.isUnresolved()) {
            throw new UnsupportedAddressTypeException();
        }
        int fd = acquire();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
            MemorySegment name = arena.allocate(SocketAddresses.IPV6_BYTES, 8);
            int length = SocketAddresses.encode(address, ipv6, name, 0);
            if (Syscalls.bind(capture, fd, name, length) < 0) {
                throw Errno.exception("bind", Syscalls.errno(capture));
            }
            MemorySegment nameLength = arena.allocate(JAVA_INT);
            nameLength.set(JAVA_INT, 0, SocketAddresses.IPV6_BYTES);
            if (Syscalls.getsockname(capture, fd, name, nameLength) < 0) {
                throw Errno.exception("getsockname", Syscalls.errno(capture));
            }
            localAddress = SocketAddresses.decode(name, 0);
            return this;
        } finally {
            release();
        }
    }

    /** @return the address bound, with its port; null before {@link #bind} */
    @Override
    public SocketAddress getLocalAddress() throws IOException {
        ensureOpen();
        return localAddress;
    }

    @Override
    public <T> NetworkChannel setOption(SocketOption<T> name, T value) throws IOException {
        Objects.requireNonNull(value, "value");
        if (name == StandardSocketOptions.SO_RCVBUF) {
            setInt(Syscalls.SOL_SOCKET, Syscalls.SO_RCVBUF, (Integer) value);
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            setInt(Syscalls.SOL_SOCKET, Syscalls.SO_SNDBUF, (Integer) value);
        } else if (name == StandardSocketOptions.SO_REUSEPORT) {
            setInt(Syscalls.SOL_SOCKET, Syscalls.SO_REUSEPORT, (Boolean) value ? 1 : 0);
        } else {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
        return this;
    }

    @Override
    public <T> T getOption(SocketOption<T> name) throws IOException {
        Object value;
        if (name == StandardSocketOptions.SO_RCVBUF) {
            value = getInt(Syscalls.SO_RCVBUF);
        } else if (name == StandardSocketOptions.SO_SNDBUF) {
            value = getInt(Syscalls.SO_SNDBUF);
        } else if (name == StandardSocketOptions.SO_REUSEPORT) {
            value = getInt(Syscalls.SO_REUSEPORT) != 0;
        } else {
            throw new UnsupportedOperationException("'" + name + "' not supported");
        }
        return name.type().cast(value);
    }

    @Override
    public Set<SocketOption<?>> supportedOptions() {
        return OPTIONS;
    }

    @Override
    public DatagramBatch newBatch(int slots, int slotBytes, int sendAreaBytes, int receiveTimeoutMillis) throws IOException {
        if (receiveTimeoutMillis > 0) {
            setReceiveTimeout(receiveTimeoutMillis);
        }
        return new MessageBatch(this, slots, slotBytes, sendAreaBytes);
    }

    @Override
    public void stopReceiving() {
        shutdown(Syscalls.SHUT_RD);
    }

    @Override
    public boolean isOpen() {
        return !closing.get();
    }

    /** Shuts the socket down, waking any call blocked on it, and closes it once no call uses it. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        shutdown(Syscalls.SHUT_RDWR);
        if (uses.addAndGet(CLOSED) == CLOSED) {
            closeDescriptor();
        }
    }

    private void shutdown(int how) {
        try {
            int fd = acquire();
            try (Arena arena = Arena.ofConfined()) {
                // an unbound or unconnected UDP socket answers ENOTCONN, and is woken all the same
                int ignored = Syscalls.shutdown(arena.allocate(Syscalls.CAPTURE), fd, how);
            } finally {
                release();
            }
        } catch (ClosedChannelException e) {
            // already closed: nothing to wake
        }
    }

    private void closeDescriptor() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            int ignored = Syscalls.close(arena.allocate(Syscalls.CAPTURE), fd);
        }
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closing.get()) {
            throw new ClosedChannelException();
        }
    }

    private void setInt(int level, int option, int value) throws IOException {
        int fd = acquire();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
            MemorySegment holder = arena.allocate(JAVA_INT);
            holder.set(JAVA_INT, 0, value);
            if (Syscalls.setsockopt(capture, fd, level, option, holder) < 0) {
                throw Errno.exception("setsockopt", Syscalls.errno(capture));
            }
        } finally {
            release();
        }
    }

    /** {@code SO_MEMINFO}'s drop count: the one {@code /proc/net/udp} lists, for one socket in one call. */
    @Override
    public long receiveDrops() throws IOException {
        int fd = acquire();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
            int wanted = (Syscalls.SK_MEMINFO_DROPS + 1) * (int) JAVA_INT.byteSize();
            MemorySegment values = arena.allocate(wanted, JAVA_INT.byteAlignment());
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, wanted);
            if (Syscalls.getsockopt(capture, fd, Syscalls.SOL_SOCKET, Syscalls.SO_MEMINFO, values, length) < 0) {
                throw Errno.exception("getsockopt(SO_MEMINFO)", Syscalls.errno(capture));
            }
            if (length.get(JAVA_INT, 0) < wanted) {
                throw new IOException("getsockopt(SO_MEMINFO): this kernel does not count drops");
            }
            return Integer.toUnsignedLong(values.getAtIndex(JAVA_INT, Syscalls.SK_MEMINFO_DROPS));
        } finally {
            release();
        }
    }

    private int getInt(int option) throws IOException {
        int fd = acquire();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
            MemorySegment holder = arena.allocate(JAVA_INT);
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) JAVA_INT.byteSize());
            if (Syscalls.getsockopt(capture, fd, Syscalls.SOL_SOCKET, option, holder, length) < 0) {
                throw Errno.exception("getsockopt", Syscalls.errno(capture));
            }
            return holder.get(JAVA_INT, 0);
        } finally {
            release();
        }
    }

    /** {@code SO_RCVTIMEO}: a blocked receive returns {@code EAGAIN} after this long without a datagram. */
    private void setReceiveTimeout(int millis) throws IOException {
        int fd = acquire();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment capture = arena.allocate(Syscalls.CAPTURE);
            MemorySegment timeval = arena.allocate(2 * JAVA_LONG.byteSize(), JAVA_LONG.byteAlignment());
            timeval.set(JAVA_LONG, 0, millis / 1000);
            timeval.set(JAVA_LONG, JAVA_LONG.byteSize(), (millis % 1000) * 1000L);
            if (Syscalls.setsockopt(capture, fd, Syscalls.SOL_SOCKET, Syscalls.SO_RCVTIMEO, timeval) < 0) {
                throw Errno.exception("setsockopt", Syscalls.errno(capture));
            }
        } finally {
            release();
        }
    }
}
