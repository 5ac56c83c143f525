package dev.switchboard.transport.sockaddr;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;

/**
 * The Linux system calls the socket modules make, each by its number, through the C library's
 * {@code long syscall(long number, ...)}: every call then has the one {@link #SIGNATURE}, and the
 * linker spins the classes of a call's stub once per signature and options, not once per function
 * (four stubs in all, where a stub per C function signature took more processor time than the rest
 * of the start's linking; docs/DECISIONS.md). A call returns -1 and leaves {@code errno} when it
 * fails, as the C library's functions do. AArch64 has only the newer forms of some calls
 * ({@code epoll_pwait}, {@code ppoll}, {@code eventfd2}), so x86-64 makes those too; with no signal
 * mask they are the older ones.
 */
public enum SystemCall {
    READ(0, 63),
    WRITE(1, 64),
    CLOSE(3, 57),
    MMAP(9, 222),
    MUNMAP(11, 215),
    SOCKET(41, 198),
    BIND(49, 200),
    LISTEN(50, 201),
    ACCEPT4(288, 242),
    GETSOCKNAME(51, 204),
    SETSOCKOPT(54, 208),
    GETSOCKOPT(55, 209),
    SHUTDOWN(48, 210),
    RECVFROM(45, 207),
    SENDTO(44, 206),
    RECVMMSG(299, 243),
    SENDMMSG(307, 269),
    EPOLL_CREATE1(291, 20),
    EPOLL_CTL(233, 21),
    EPOLL_PWAIT(281, 22),
    EVENTFD2(290, 19),
    PPOLL(271, 73);

    /**
     * {@code long syscall(long number, ...)} with six arguments after the number, as many as a Linux
     * system call takes: a call passes 0 for those it does not take, which the kernel ignores.
     */
    public static final FunctionDescriptor SIGNATURE = FunctionDescriptor.of(JAVA_LONG, JAVA_LONG,
            JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG);

    private static final boolean AARCH64 = System.getProperty("os.arch", "").equals("aarch64");

    final long x86_64;
    final long aarch64;

    SystemCall(long x86_64, long aarch64) {
        this.x86_64 = x86_64;
        this.aarch64 = aarch64;
    }

    /** @return its number on this process's architecture (x86-64 or AArch64, as {@link NativeSupport} checks) */
    public long number() {
        return AARCH64 ? aarch64 : x86_64;
    }

    /** @return the C library's {@code syscall} function */
    public static MemorySegment function() {
        return Linker.nativeLinker().defaultLookup().find("syscall")
                .orElseThrow(() -> new UnsatisfiedLinkError("the C library has no syscall"));
    }

    /**
     * The options a module links {@link #function()} with, so that the modules' handles of the same
     * kind share their stub.
     *
     * @param waits whether the call may block: only then does the thread leave the Java state around it
     *     (the others are {@linkplain Linker.Option#critical critical}: the sockets are non-blocking)
     * @param capturesErrno whether the handle takes, first, a segment of
     *     {@link Linker.Option#captureStateLayout()} in which the call leaves {@code errno}
     * @return the linker options
     */
    public static Linker.Option[] options(boolean waits, boolean capturesErrno) {
        Linker.Option variadic = Linker.Option.firstVariadicArg(1);
        Linker.Option errno = Linker.Option.captureCallState("errno");
        if (waits) {
            return capturesErrno ? new Linker.Option[] {variadic, errno} : new Linker.Option[] {variadic};
        }
        Linker.Option critical = Linker.Option.critical(false);
        return capturesErrno ? new Linker.Option[] {variadic, errno, critical} : new Linker.Option[] {variadic, critical};
    }
}
