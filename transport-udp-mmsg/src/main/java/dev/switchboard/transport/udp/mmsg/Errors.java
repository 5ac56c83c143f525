package dev.switchboard.transport.udp.mmsg;

import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/** What a failed socket call's {@code errno} means, in the words and exceptions the JDK uses. */
final class Errors {

    /** The C library's messages for what socket calls fail with; others are named by number. */
    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(1, "Operation not permitted"),
            Map.entry(Syscalls.EINTR, "Interrupted system call"),
            Map.entry(Syscalls.EBADF, "Bad file descriptor"),
            Map.entry(Syscalls.EAGAIN, "Resource temporarily unavailable"),
            Map.entry(12, "Cannot allocate memory"),
            Map.entry(Syscalls.EACCES, "Permission denied"),
            Map.entry(22, "Invalid argument"),
            Map.entry(24, "Too many open files"),
            Map.entry(90, "Message too long"),
            Map.entry(Syscalls.EAFNOSUPPORT, "Address family not supported by protocol"),
            Map.entry(Syscalls.EADDRINUSE, "Address already in use"),
            Map.entry(Syscalls.EADDRNOTAVAIL, "Cannot assign requested address"),
            Map.entry(101, "Network is unreachable"),
            Map.entry(105, "No buffer space available"),
            Map.entry(Syscalls.ENOTCONN, "Transport endpoint is not connected"),
            Map.entry(Syscalls.ECONNREFUSED, "Connection refused"),
            Map.entry(113, "No route to host"));

    private Errors() {}

    /**
     * @param errno what a call failed with
     * @return the C library's message for it, such as {@code "Address already in use"}
     */
    static String message(int errno) {
        String message = MESSAGES.get(errno);
        return message != null ? message : "error " + errno;
    }

    /**
     * @param call the failed call, such as {@code "bind"}
     * @param errno what it failed with
     * @return the exception the JDK throws for it: {@link BindException} for an address in use,
     *     not available or not permitted, {@link ClosedChannelException} for a closed descriptor,
     *     else a {@link SocketException} naming the call
     */
    static IOException exception(String call, int errno) {
        return switch (errno) {
            case Syscalls.EBADF -> new ClosedChannelException();
            case Syscalls.EADDRINUSE, Syscalls.EADDRNOTAVAIL, Syscalls.EACCES -> call.equals("bind")
                    ? new BindException(message(errno))
                    : new SocketException(call + ": " + message(errno));
            default -> new SocketException(call + ": " + message(errno));
        };
    }
}
