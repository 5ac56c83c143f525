package dev.switchboard.transport.sockaddr;

import java.io.IOException;
import java.net.BindException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.util.Map;
import java.util.Set;

/**
 * What a failed socket call's {@code errno} means, in the words and exceptions {@code java.nio}
 * uses: the stream transport tells a client that reset or vanished ({@code "Connection reset by
 * peer"}, {@code "Broken pipe"}) from a failure by these words, as it does with {@code java.nio}'s.
 * The numbers are Linux's, the same on x86-64 and AArch64.
 */
public final class Errno {

    private static final int EBADF = 9;
    private static final int EACCES = 13;
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;

    /** The C library's messages for what socket calls fail with; others are named by number. */
    private static final Map<Integer, String> MESSAGES = Map.ofEntries(
            Map.entry(1, "Operation not permitted"),
            Map.entry(4, "Interrupted system call"),
            Map.entry(EBADF, "Bad file descriptor"),
            Map.entry(11, "Resource temporarily unavailable"),
            Map.entry(12, "Cannot allocate memory"),
            Map.entry(EACCES, "Permission denied"),
            Map.entry(22, "Invalid argument"),
            Map.entry(23, "Too many open files in system"),
            Map.entry(24, "Too many open files"),
            Map.entry(32, "Broken pipe"),
            Map.entry(90, "Message too long"),
            Map.entry(97, "Address family not supported by protocol"),
            Map.entry(EADDRINUSE, "Address already in use"),
            Map.entry(EADDRNOTAVAIL, "Cannot assign requested address"),
            Map.entry(101, "Network is unreachable"),
            Map.entry(103, "Software caused connection abort"),
            Map.entry(104, "Connection reset by peer"),
            Map.entry(105, "No buffer space available"),
            Map.entry(107, "Transport endpoint is not connected"),
            Map.entry(110, "Connection timed out"),
            Map.entry(111, "Connection refused"),
            Map.entry(113, "No route to host"));

    /** The calls that move a connection's bytes, whose failures {@code java.nio} reports by message alone. */
    private static final Set<String> CONNECTION_IO = Set.of("read", "write", "recv", "send");

    private Errno() {}

    /**
     * @param errno what a call failed with
     * @return the C library's message for it, such as {@code "Address already in use"}
     */
    public static String message(int errno) {
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
    public static IOException exception(String call, int errno) {
        return switch (errno) {
            case EBADF -> new ClosedChannelException();
            case EADDRINUSE, EADDRNOTAVAIL, EACCES -> call.equals("bind")
                    ? new BindException(message(errno))
                    : new SocketException(call + ": " + message(errno));
            default -> CONNECTION_IO.contains(call)
                    ? new IOException(message(errno))
                    : new SocketException(call + ": " + message(errno));
        };
    }
}
