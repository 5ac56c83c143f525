package dev.switchboard.transport.udp.mmsg;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.switchboard.transport.sockaddr.SocketAddresses;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The C library's socket calls, linked once. Each handle takes, first, a segment of
 * {@link #CAPTURE} in which the call leaves {@code errno}; a call returning -1 failed with it.
 * The calls that never wait (all but {@code recvmmsg}, which waits for the first datagram; sends are
 * {@code MSG_DONTWAIT}) are linked {@linkplain Linker.Option#critical critical}, as the epoll
 * module's are: with the same options, calls of the same signature share one stub, linked once. The
 * constants are Linux's, the same on x86-64 and AArch64.
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
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int SHUT_RD = 0;
    static final int SHUT_RDWR = 2;
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_WAITFORONE = 0x10000;

    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EAFNOSUPPORT = 97;
    static final int ECONNREFUSED = 111;

    /** Where a call leaves {@code errno}. */
    static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

    /** {@code int socket(int domain, int type, int protocol)} */
    static final MethodHandle SOCKET = link("socket", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int bind(int fd, const struct sockaddr *addr, socklen_t len)} */
    static final MethodHandle BIND = link("bind", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int getsockname(int fd, struct sockaddr *addr, socklen_t *len)} */
    static final MethodHandle GETSOCKNAME = link("getsockname", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int setsockopt(int fd, int level, int name, const void *value, socklen_t len)} */
    static final MethodHandle SETSOCKOPT = link("setsockopt", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    /** {@code int getsockopt(int fd, int level, int name, void *value, socklen_t *len)} */
    static final MethodHandle GETSOCKOPT = link("getsockopt", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    /** {@code int shutdown(int fd, int how)} */
    static final MethodHandle SHUTDOWN = link("shutdown", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    /** {@code int close(int fd)} */
    static final MethodHandle CLOSE = link("close", true, FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code int recvmmsg(int fd, struct mmsghdr *vec, unsigned int n, int flags, struct timespec *timeout)} */
    static final MethodHandle RECVMMSG = link("recvmmsg", false,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS));
    /** {@code int sendmmsg(int fd, struct mmsghdr *vec, unsigned int n, int flags)} */
    static final MethodHandle SENDMMSG = link("sendmmsg", true,
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));

    private Syscalls() {}

    /** Links every call, if not done yet: a C library that lacks one fails here, with a {@link LinkageError}. */
    static void ensureLinked() {
        // initialising the class is the work
    }

    private static MethodHandle link(String name, boolean critical, FunctionDescriptor descriptor) {
        Linker linker = Linker.nativeLinker();
        MemorySegment function = linker.defaultLookup().find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no " + name));
        Linker.Option capture = Linker.Option.captureCallState("errno");
        return critical ? linker.downcallHandle(function, descriptor, capture, Linker.Option.critical(true))
                : linker.downcallHandle(function, descriptor, capture);
    }

    /**
     * @param capture what a failed call left
     * @return its {@code errno}
     */
    static int errno(MemorySegment capture) {
        return (int) ERRNO.get(capture, 0L);
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
