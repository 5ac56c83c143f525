package dev.switchboard.transport.stream.epoll;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.switchboard.transport.sockaddr.SocketAddresses;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library's socket and epoll calls, linked once. Each handle but those named {@code *_FAST}
 * and {@link #CLOSE} takes, first, a segment of {@link #CAPTURE} in which the call leaves
 * {@code errno}; a call returning -1 failed with it. The {@code *_FAST} ones, for the calls made per
 * request, take no such segment: capturing {@code errno} slices that segment on every call, an
 * allocation that only C2 removes, and the loops must not allocate from their first request on; a
 * fast call that fails is made again with the capturing handle to learn why. The calls that never
 * wait (all but {@code epoll_wait} and {@code poll}: the sockets are non-blocking) are linked
 * {@linkplain Linker.Option#critical critical}: no thread-state transition around them; with the same
 * options, calls of the same signature share one stub, and each stub linked is classes spun at the
 * start. The constants are Linux's, the same on x86-64 and AArch64 but for
 * {@code struct epoll_event}'s layout.
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

    /** {@code int socket(int domain, int type, int protocol)} */
    static final MethodHandle SOCKET = link("socket", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)} */
    static final MethodHandle SETSOCKOPT = link("setsockopt", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)} */
    static final MethodHandle BIND = link("bind", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int listen(int fd, int backlog)} */
    static final MethodHandle LISTEN = link("listen", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)}, on a non-blocking listener */
    static final MethodHandle ACCEPT4 = link("accept4", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len)} */
    static final MethodHandle GETSOCKNAME = link("getsockname", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** {@code ssize_t read(int fd, void *buf, size_t n)} on native memory, the address as a number */
    static final MethodHandle READ = link("read", true, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    /** {@code ssize_t write(int fd, const void *buf, size_t n)} on native memory, the address as a number */
    static final MethodHandle WRITE = link("write", true, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    /** {@link #READ} without {@code errno}: the eventfd's */
    static final MethodHandle READ_FAST = linkFast("read", true, FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG));
    /** {@link Seldom#RECV} without {@code errno} */
    static final MethodHandle RECV_FAST = linkFast("recv", true,
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    /** {@link Seldom#SEND} without {@code errno} */
    static final MethodHandle SEND_FAST = linkFast("send", true,
            FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
    /** {@code int shutdown(int fd, int how)} */
    static final MethodHandle SHUTDOWN = link("shutdown", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int epoll_create1(int flags)} */
    static final MethodHandle EPOLL_CREATE1 = link("epoll_create1", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event)} */
    static final MethodHandle EPOLL_CTL = link("epoll_ctl", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    /** {@link Seldom#EPOLL_WAIT} without {@code errno} */
    static final MethodHandle EPOLL_WAIT_FAST = linkFast("epoll_wait", false,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    /** {@code int eventfd(unsigned int initval, int flags)} */
    static final MethodHandle EVENTFD = link("eventfd", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int poll(struct pollfd *fds, nfds_t n, int timeout)}: it waits, so not critical */
    static final MethodHandle POLL = link("poll", false, FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    /** {@code int close(int fd)}, whose failure nobody can act on: without {@code errno} */
    static final MethodHandle CLOSE = Linker.nativeLinker().downcallHandle(find("close"),
            FunctionDescriptor.of(JAVA_INT, JAVA_INT));

    private Syscalls() {}

    /**
     * The calls made only when another failed, to learn its {@code errno}, and those on heap buffers,
     * which the toolkit's direct buffers make rare: linked at the first use of one of them rather than
     * with the rest, since each link spins classes and no start needs these (docs/DECISIONS.md).
     */
    static final class Seldom {

        /**
         * {@code ssize_t recv(int fd, void *buf, size_t n, int flags)} on native memory, the address as a
         * number: a socket's reads, through {@code recvfrom}, which goes straight to the socket where
         * {@code read} passes through the file layer first ({@code fdget_pos}, {@code vfs_read},
         * {@code sock_read_iter}) for the same result
         */
        static final MethodHandle RECV = link("recv", true,
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        /**
         * {@code ssize_t send(int fd, const void *buf, size_t n, int flags)} on native memory, the
         * address as a number
         */
        static final MethodHandle SEND = link("send", true,
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_INT));
        /** {@code ssize_t recv(int fd, void *buf, size_t n, int flags)} into any segment, the heap's too */
        static final MethodHandle RECV_SEGMENT = link("recv", true,
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        /** {@code ssize_t send(int fd, const void *buf, size_t n, int flags)} from any segment, the heap's too */
        static final MethodHandle SEND_SEGMENT = link("send", true,
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        /** {@code int epoll_wait(int epfd, struct epoll_event *events, int max, int timeout)}: it waits */
        static final MethodHandle EPOLL_WAIT = link("epoll_wait", false,
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

        private Seldom() {}
    }

    /**
     * Links every call but {@link Seldom}'s, if not done yet: a C library that lacks one fails here,
     * with a {@link LinkageError}.
     */
    static void ensureLinked() {
        // initialising the class is the work
    }

    private static MethodHandle link(String name, boolean critical, FunctionDescriptor descriptor) {
        Linker.Option capture = Linker.Option.captureCallState("errno");
        return critical
                ? Linker.nativeLinker().downcallHandle(find(name), descriptor, capture, Linker.Option.critical(true))
                : Linker.nativeLinker().downcallHandle(find(name), descriptor, capture);
    }

    private static MethodHandle linkFast(String name, boolean critical, FunctionDescriptor descriptor) {
        return critical
                ? Linker.nativeLinker().downcallHandle(find(name), descriptor, Linker.Option.critical(true))
                : Linker.nativeLinker().downcallHandle(find(name), descriptor);
    }

    private static MemorySegment find(String name) {
        return Linker.nativeLinker().defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
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
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * {@code shutdown(fd, SHUT_RDWR)}, its failure ignored: a connection its client has already ended
     * has nothing left to shut. Not on a path taken per request: it allocates its capture segment.
     */
    static void shutdownBoth(int fd) {
        try (Arena arena = Arena.ofConfined()) {
            int ignored = (int) SHUTDOWN.invokeExact(arena.allocate(CAPTURE), fd, SHUT_RDWR);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /**
     * Rethrows what a {@code invokeExact} on one of the handles threw; the handles throw nothing
     * checked, so it is an error or a runtime exception.
     *
     * @param thrown what it threw
     * @return never returns
     */
    static RuntimeException rethrow(Throwable thrown) {
        if (thrown instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (thrown instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(thrown);
    }
}
