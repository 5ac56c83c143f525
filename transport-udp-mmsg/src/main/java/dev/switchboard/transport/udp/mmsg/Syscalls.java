package dev.switchboard.transport.udp.mmsg;

import dev.switchboard.transport.sockaddr.SocketAddresses;
import dev.switchboard.transport.sockaddr.SystemCall;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The socket system calls, made through {@link SystemCall}'s {@code syscall} and linked once, with
 * the epoll module's options: the two modules' calls share their stubs. Each takes, first, a segment
 * of {@link #CAPTURE} in which the call leaves {@code errno}; a call returning -1 failed with it. The
 * calls that never wait (all but {@code recvmmsg}, which waits for the first datagram; sends are
 * {@code MSG_DONTWAIT}) are linked critical: no thread-state transition around them. Addresses of
 * native memory are passed as numbers, the segment kept reachable by its caller. The constants are
 * Linux's, the same on x86-64 and AArch64.
 */
final class Syscalls {

    static final int AF_INET = SocketAddresses.AF_INET;
    static final int AF_INET6 = SocketAddresses.AF_INET6;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_REUSEPORT = 15;
    static final int SO_RCVTIMEO = 20;
    static final int SO_MEMINFO = 55;
    /** {@code SO_MEMINFO} answers {@code u32[SK_MEMINFO_VARS]}; the drops are the ninth. */
    static final int SK_MEMINFO_DROPS = 8;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SHUT_RD = 0;
    static final int SHUT_RDWR = 2;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITFORONE = 0x10000;
    private static final int PROT_READ = 1;
    private static final int PROT_WRITE = 2;
    private static final int MAP_PRIVATE = 2;
    private static final int MAP_ANONYMOUS = 0x20;

    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EAFNOSUPPORT = 97;
    static final int ECONNREFUSED = 111;

    /** Where a call leaves {@code errno}. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    private static final long SOCKET = SystemCall.SOCKET.number();
    private static final long BIND = SystemCall.BIND.number();
    private static final long GETSOCKNAME = SystemCall.GETSOCKNAME.number();
    private static final long SETSOCKOPT = SystemCall.SETSOCKOPT.number();
    private static final long GETSOCKOPT = SystemCall.GETSOCKOPT.number();
    private static final long SHUTDOWN = SystemCall.SHUTDOWN.number();
    private static final long CLOSE = SystemCall.CLOSE.number();
    private static final long MMAP = SystemCall.MMAP.number();
    private static final long MUNMAP = SystemCall.MUNMAP.number();
    private static final long RECVMMSG = SystemCall.RECVMMSG.number();
    private static final long SENDMMSG = SystemCall.SENDMMSG.number();

    /** Calls that never wait */
    private static final MethodHandle CALL = link(false);
    /** Calls that may wait */
    private static final MethodHandle WAIT = link(true);

    private Syscalls() {}

    /** Links every call, if not done yet: a C library that lacks {@code syscall} fails here, with a {@link LinkageError}. */
    static void ensureLinked() {
        // initialising the class is the work
    }

    private static MethodHandle link(boolean waits) {
        return Linker.nativeLinker().downcallHandle(SystemCall.function(), SystemCall.SIGNATURE,
                SystemCall.options(waits, true));
    }

    /** {@code int socket(int domain, int type, int protocol)} */
    static int socket(MemorySegment capture, int domain, int type, int protocol) {
        return (int) call(capture, SOCKET, domain, type, protocol, 0, 0);
    }

    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)} */
    static int bind(MemorySegment capture, int fd, MemorySegment address, int length) {
        return (int) call(capture, BIND, fd, address.address(), length, 0, 0);
    }

    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len)} */
    static int getsockname(MemorySegment capture, int fd, MemorySegment address, MemorySegment length) {
        return (int) call(capture, GETSOCKNAME, fd, address.address(), length.address(), 0, 0);
    }

    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)} */
    static int setsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value) {
        return (int) call(capture, SETSOCKOPT, fd, level, name, value.address(), value.byteSize());
    }

    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)} */
    static int getsockopt(MemorySegment capture, int fd, int level, int name, MemorySegment value,
            MemorySegment length) {
        return (int) call(capture, GETSOCKOPT, fd, level, name, value.address(), length.address());
    }

    /** {@code int shutdown(int fd, int how)} */
    static int shutdown(MemorySegment capture, int fd, int how) {
        return (int) call(capture, SHUTDOWN, fd, how, 0, 0, 0);
    }

    /** {@code int close(int fd)} */
    static int close(MemorySegment capture, int fd) {
        return (int) call(capture, CLOSE, fd, 0, 0, 0, 0);
    }

    /**
     * {@code void *mmap(NULL, size_t length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)}:
     * fresh pages, each mapped (zeroed) by the kernel when first touched
     *
     * @return their address, or -1
     */
    static long mapPages(MemorySegment capture, long length) {
        return call(capture, MMAP, 0, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1);
    }

    /** {@code int munmap(void *address, size_t length)} */
    static int unmapPages(MemorySegment capture, long address, long length) {
        return (int) call(capture, MUNMAP, address, length, 0, 0, 0);
    }

    /**
     * {@code int recvmmsg(int fd, struct mmsghdr *vec, unsigned int n, int flags, NULL)}: waits for
     * the first datagram, without a timeout of its own
     */
    static int recvmmsg(MemorySegment capture, int fd, MemorySegment vector, int count, int flags) {
        try {
            return (int) (long) WAIT.invokeExact(capture, RECVMMSG, (long) fd, vector.address(), (long) count,
                    (long) flags, 0L, 0L);
        } catch (Throwable e) {
            throw rethrow(e);
        }
    }

    /** {@code int sendmmsg(int fd, struct mmsghdr *vec, unsigned int n, int flags)} */
    static int sendmmsg(MemorySegment capture, int fd, MemorySegment vector, int count, int flags) {
        return (int) call(capture, SENDMMSG, fd, vector.address(), count, flags, 0);
    }

    private static long call(MemorySegment capture, long number, long a, long b, long c, long d, long e) {
        try {
            return (long) CALL.invokeExact(capture, number, a, b, c, d, e, 0L);
        } catch (Throwable thrown) {
            throw rethrow(thrown);
        }
    }

    /**
     * @param capture what a failed call left
     * @return its {@code errno}
     */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
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
