package dev.switchboard.transport.stream.epoll;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.switchboard.transport.sockaddr.SocketAddresses;
import dev.switchboard.transport.sockaddr.SystemCall;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The socket and epoll system calls, made through {@link SystemCall}'s {@code syscall} and linked
 * once. The methods that take a {@code capture} segment (of {@link #CAPTURE}) leave {@code errno}
 * in it; a call returning -1 failed with it. Those named {@code *Fast}, for the calls made per
 * request, take none: capturing {@code errno} slices that segment on every call, an allocation that
 * only C2 removes, and the loops must not allocate from their first request on; a fast call that
 * fails is made again with the capturing one to learn why. Addresses of native memory are passed as
 * numbers, the segment kept reachable by its caller. The constants are Linux's, the same on x86-64
 * and AArch64 but for {@code struct epoll_event}'s layout.
 */
final class Syscalls {

    static final int AF_INET = SocketAddresses.AF_INET;
    static final int AF_INET6 = SocketAddresses.AF_INET6;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_REUSEPORT = 15;
    static final int IPPROTO_TCP = 6;
    static final int TCP_NODELAY = 1;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;
    /** {@code send}'s flag: a write to a connection its client closed fails with {@code EPIPE} instead of raising {@code SIGPIPE} */
    static final int MSG_NOSIGNAL = 0x4000;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    /** The peer shut its output: the end of the stream is there to read */
    static final int EPOLLRDHUP = 0x2000;
    /** Edge-triggered: reported when the state changes, not while it lasts */
    static final int EPOLLET = 1 << 31;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_CLOEXEC = 0x80000;
    static final short POLLIN = 0x001;

    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EINVAL = 22;
    static final int ECONNABORTED = 103;

    /** {@code sizeof(struct epoll_event)}: packed on x86-64, its 64-bit data aligned on AArch64. */
    static final int EPOLL_EVENT_BYTES;
    /** Where {@code epoll_event.data} (the descriptor, here) starts in it. */
    static final int EPOLL_DATA_OFFSET;

    static {
        boolean packed = !System.getProperty("os.arch", "").equals("aarch64");
        EPOLL_EVENT_BYTES = packed ? 12 : 16;
        EPOLL_DATA_OFFSET = packed ? 4 : 8;
    }

    /** Where a call leaves {@code errno}. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final long READ = SystemCall.READ.number();
    private static final long WRITE = SystemCall.WRITE.number();
    private static final long CLOSE = SystemCall.CLOSE.number();
    private static final long SOCKET = SystemCall.SOCKET.number();
    private static final long BIND = SystemCall.BIND.number();
    private static final long LISTEN = SystemCall.LISTEN.number();
    private static final long ACCEPT4 = SystemCall.ACCEPT4.number();
    private static final long GETSOCKNAME = SystemCall.GETSOCKNAME.number();
    private static final long SETSOCKOPT = SystemCall.SETSOCKOPT.number();
    private static final long SHUTDOWN = SystemCall.SHUTDOWN.number();
    private static final long RECVFROM = SystemCall.RECVFROM.number();
    private static final long SENDTO = SystemCall.SENDTO.number();
    private static final long EPOLL_CREATE1 = SystemCall.EPOLL_CREATE1.number();
    private static final long EPOLL_CTL = SystemCall.EPOLL_CTL.number();
    private static final long EPOLL_PWAIT = SystemCall.EPOLL_PWAIT.number();
    private static final long EVENTFD2 = SystemCall.EVENTFD2.number();
    private static final long PPOLL = SystemCall.PPOLL.number();

    /** Calls that never wait, {@code errno} captured */
    private static final MethodHandle CALL = link(false, true);
    /** Calls that never wait, without {@code errno} */
    private static final MethodHandle CALL_FAST = link(false, false);
    /** Calls that may wait, {@code errno} captured */
    private static final MethodHandle WAIT = link(true, true);
    /** Calls that may wait, without {@code errno} */
    private static final MethodHandle WAIT_FAST = link(true, false);

    private Syscalls() {}

    /**
     * The calls on heap buffers, which the toolkit's direct buffers make rare: through the C
     * library's {@code recv} and {@code send}, which take the heap's segments, linked at the first use
     * of one of them rather than with the rest, since each link spins classes and no start needs these
     * (docs/DECISIONS.md).
     */
    private static final class OnHeap {

        /** {@code ssize_t recv(int fd, void *buf, size_t n, int flags)} into any segment, the heap's too */
        static final MethodHandle RECV = linkHeap("recv");
        /** {@code ssize_t send(int fd, const void *buf, size_t n, int flags)} from any segment, the heap's too */
        static final MethodHandle SEND = linkHeap("send");

        private OnHeap() {}

        private static MethodHandle linkHeap(String name) {
            MemorySegment function = Linker.nativeLinker().defaultLookup().find(name)
                    .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
            return Linker.nativeLinker().downcallHandle(function,
                    FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT),
                    Linker.Option.captureCallState("errno"), Linker.Option.critical(true));
        }
    }

    /**
     * Links every call but those on heap buffers, if not done yet: a C library that lacks
     * {@code syscall} fails here, with a {@link LinkageError}.
     */
    static void ensureLinked() {
        // initialising the class is the work
    }

    private static MethodHandle link(boolean waits, boolean capturesErrno) {
        return Linker.nativeLinker().downcallHandle(SystemCall.function(), SystemCall.SIGNATURE,
                SystemCall.options(waits, capturesErrno));
    }

    /** {@code int socket(int domain, int type, int protocol)} */
    static int socket(MemorySegment capture, int domain, int type, int protocol) {
        return (int) call(capture, SOCKET, domain, type, protocol, 0, 0);
    }

    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)} */
    static int setsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value, int length) {
        return (int) call(capture, SETSOCKOPT, fd, level, name, value.address(), length);
    }

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)} */
    static int bind(MemorySegment capture, int fd, MemorySegment address, int length) {
        return (int) call(capture, BIND, fd, address.address(), length, 0, 0);
    }

    /** {@code int listen(int fd, int backlog)} */
    static int listen(MemorySegment capture, int fd, int backlog) {
        return (int) call(capture, LISTEN, fd, backlog, 0, 0, 0);
    }

    /** {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)}, on a non-blocking listener */
    static int accept4(MemorySegment capture, int fd, MemorySegment address, MemorySegment length, int flags) {
        return (int) call(capture, ACCEPT4, fd, address.address(), length.address(), flags, 0);
    }

    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len)} */
    static int getsockname(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        return (int) call(capture, GETSOCKNAME, fd, address.address(), length.address(), 0, 0);
    }

    /** {@code ssize_t read(int fd, void *buf, size_t n)} */
    static long read(MemorySegment capture, int fd, long address, long length) {
        return call(capture, READ, fd, address, length, 0, 0);
    }

    /** {@link #read} without {@code errno}: the eventfd's */
    static long readFast(int fd, long address, long length) {
        return callFast(READ, fd, address, length, 0);
    }

    /** {@code ssize_t write(int fd, const void *buf, size_t n)} */
    static long write(MemorySegment capture, int fd, long address, long length) {
        return call(capture, WRITE, fd, address, length, 0, 0);
    }

    /**
     * {@code ssize_t recv(int fd, void *buf, size_t n, int flags)}: a socket's reads, through
     * {@code recvfrom}, which goes straight to the socket where {@code read} passes through the file
     * layer first ({@code fdget_pos}, {@code vfs_read}, {@code sock_read_iter}) for the same result
     */
    static long recv(MemorySegment capture, int fd, long address, long length) {
        return call(capture, RECVFROM, fd, address, length, 0, 0);
    }

    /** {@link #recv} without {@code errno} */
    static long recvFast(int fd, long address, long length) {
        return callFast(RECVFROM, fd, address, length, 0);
    }

    /** {@link #recv} into any segment, the heap's too */
    static long recv(MemorySegment capture, int fd, MemorySegment into, long length) {
        try {
            return (long) OnHeap.RECV.invokeExact(capture, fd, into, length, 0);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code ssize_t send(int fd, const void *buf, size_t n, int flags)}, through {@code sendto} */
    static long send(MemorySegment capture, int fd, long address, long length, int flags) {
        return call(capture, SENDTO, fd, address, length, flags, 0);
    }

    /** {@link #send} without {@code errno} */
    static long sendFast(int fd, long address, long length, int flags) {
        return callFast(SENDTO, fd, address, length, flags);
    }

    /** {@link #send} from any segment, the heap's too */
    static long send(MemorySegment capture, int fd, MemorySegment from, long length, int flags) {
        try {
            return (long) OnHeap.SEND.invokeExact(capture, fd, from, length, flags);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code int shutdown(int fd, int how)} */
    static int shutdown(MemorySegment capture, int fd, int how) {
        return (int) call(capture, SHUTDOWN, fd, how, 0, 0, 0);
    }

    /** {@code int epoll_create1(int flags)} */
    static int epollCreate1(MemorySegment capture, int flags) {
        return (int) call(capture, EPOLL_CREATE1, flags, 0, 0, 0, 0);
    }

    /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)} */
    static int epollCtl(MemorySegment capture, int epfd, int op, int fd, MemorySegment event) {
        return (int) call(capture, EPOLL_CTL, epfd, op, fd, event.address(), 0);
    }

    /** {@code int epoll_wait(int epfd, struct epoll_event *events, int max, int timeout)}, as {@code epoll_pwait} */
    static int epollWait(MemorySegment capture, int epfd, MemorySegment events, int max, int timeoutMillis) {
        return (int) callWaiting(capture, EPOLL_PWAIT, epfd, events.address(), max, timeoutMillis);
    }

    /** {@link #epollWait} without {@code errno} */
    static int epollWaitFast(int epfd, MemorySegment events, int max, int timeoutMillis) {
        try {
            return (int) (long) WAIT_FAST.invokeExact(EPOLL_PWAIT, (long) epfd, events.address(), (long) max,
                    (long) timeoutMillis, 0L, 0L);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code int eventfd(unsigned int initval, int flags)}, as {@code eventfd2} */
    static int eventfd(MemorySegment capture, int initial, int flags) {
        return (int) call(capture, EVENTFD2, initial, flags, 0, 0, 0);
    }

    /** {@code int poll(struct pollfd *fds, nfds_t n, -1)}: waits for as long as it takes, as {@code ppoll} */
    static int poll(MemorySegment capture, MemorySegment fds, long count) {
        return (int) callWaiting(capture, PPOLL, fds.address(), count, 0, 0);
    }

    private static long call(MemorySegment capture, long number, long a, long b, long c, long d, long e) {
        try {
            return (long) CALL.invokeExact(capture, number, a, b, c, d, e, 0L);
        } catch (Throwable thrown) {
            throw rethrow(thrown);
        }
    }

    private static long callWaiting(MemorySegment capture, long number, long a, long b, long c, long d) {
        try {
            return (long) WAIT.invokeExact(capture, number, a, b, c, d, 0L, 0L);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    private static long callFast(long number, long a, long b, long c, long d) {
        try {
            return (long) CALL_FAST.invokeExact(number, a, b, c, d, 0L, 0L);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * @param capture what a failed call left
     * @return its {@code errno}
     */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
    }

    /** Closes {@code fd}, ignoring a failure: the descriptor is released either way on Linux. */
    static void close(int fd) {
        long ignored = callFast(CLOSE, fd, 0, 0, 0);
    }

    /**
     * {@code shutdown(fd, SHUT_RDWR)}, its failure ignored: a connection its client has already ended
     * has nothing left to shut. Not on a path taken per request: it allocates its capture segment.
     */
    static void shutdownBoth(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = shutdown(arena.allocate(CAPTURE), fd, SHUT_RDWR);
        }
    }

    /**
     * Rethrows what an {@code invokeExact} on one of the handles threw; the handles throw nothing
     * checked, so it is an error or a runtime exception.
     *
     * @param thrown what it threw
     * @return never returns
     */
    private static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(thrown);
    }
}
