package dev.switchboard.transport.stream.epoll;

import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;

/**
 * What a failed call's {@code errno} means, in the words and exceptions {@code java.nio} uses: the
 * stream transport tells a client that reset or vanished ({@code "Connection reset by peer"},
 * {@code "Broken pipe"}) from a failure by these words, as it does with {@code java.nio}'s.
 */
final class Errors {

    /** The C library's messages for what socket calls fail with; others are named by number. */
    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(1, "Operation not permitted"),
            Map.entry(Syscalls.EINTR, "Interrupted system call"),
            Map.entry(Syscalls.EBADF, "Bad file descriptor"),
            Map.entry(Syscalls.EAGAIN, "Resource temporarily unavailable"),
            Map.entry(12, "Cannot allocate memory"),
            Map.entry(Syscalls.EACCES, "Permission denied"),
            Map.entry(Syscalls.EINVAL, "Invalid argument"),
            Map.entry(23, "Too many open files in system"),
            Map.entry(24, "Too many open files"),
            Map.entry(Syscalls.EPIPE, "Broken pipe"),
            Map.entry(97, "Address family not supported by protocol"),
            Map.entry(Syscalls.EADDRINUSE, "Address already in use"),
            Map.entry(Syscalls.EADDRNOTAVAIL, "Cannot assign requested address"),
            Map.entry(101, "Network is unreachable"),
            Map.entry(Syscalls.ECONNABORTED, "Software caused connection abort"),
            Map.entry(Syscalls.ECONNRESET, "Connection reset by peer"),
            Map.entry(105, "No buffer space available"),
            Map.entry(107, "Transport endpoint is not connected"),
            Map.entry(Syscalls.ETIMEDOUT, "Connection timed out"),
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
     * @return the exception {@code java.nio} throws for it: {@link BindException} for an address in
     *     use, not available or not permitted, {@link ClosedChannelException} for a closed
     *     descriptor, an {@link IOException} with the message alone for a connection's read or
     *     write, else a {@link SocketException} naming the call
     */
    static IOException exception(String call, int errno) {
        return switch (errno) {
            case Syscalls.EBADF -> new ClosedChannelException();
            case Syscalls.EADDRINUSE, Syscalls.EADDRNOTAVAIL, Syscalls.EACCES -> call.equals("bind")
                    ? new BindException(message(errno))
                    : new SocketException(call + ": " + message(errno));
            default -> call.equals("read") || call.equals("write")
                    ? new IOException(message(errno))
                    : new SocketException(call + ": " + message(errno));
        };
    }
}
