package dev.switchboard.transport.unix;

import static java.lang.System.Logger.Level.INFO;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * What a socket path holds before binding and after serving: it tells a stale socket file (left by a
 * server that ended without removing it) from a live one and from a file that is no socket, and it
 * removes a file only if it is a socket nobody accepts on, or the very socket this endpoint created.
 * Symbolic links are never followed.
 */
final class SocketFile {

    private static final int TYPE_BITS = 0170000;
    private static final int SOCKET = 0140000;
    private static final int FIFO = 0010000;

    private SocketFile() {}

    /**
     * Makes way for binding {@code path}: nothing there is fine; a socket file on which connecting is
     * refused is removed, and said so in {@code logger}; anything else fails.
     *
     * @param path the socket file's path
     * @param logger where the removal of a stale socket file is logged
     * @throws BindException naming the path, if a server accepts connections there ("in use"), if
     *     it holds something other than a socket (left as it is), or if it is a socket that cannot
     *     be probed
     * @throws IOException if the path cannot be read or the stale file removed
     */
    static void clearStale(Path path, System.Logger logger) throws IOException {
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            return;
        }
        if (!isSocket(path)) {
            throw new BindException(path + ": exists and is " + kind(path, attributes)
                    + ", not a socket; it is left as it is (only a stale socket file is replaced)");
        }
        if (accepts(path)) {
            throw new BindException(path + ": in use: a server accepts connections on it");
        }
        if (!removeIfSame(path, attributes.fileKey())) {
            throw new BindException(path + ": replaced by another file while it was probed");
        }
        logger.log(INFO, () -> "removed the stale socket file " + path
                + ": nobody accepts connections on it (a server ended without removing it)");
    }

    /**
     * @return true if a server listens on the socket file (connected, or the connection pending in
     *     its backlog), false if connecting is refused
     * @throws BindException if connecting fails otherwise, such as for want of permission
     */
    private static boolean accepts(Path path) throws BindException {
        try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            probe.configureBlocking(false); // a live server whose backlog is full must not stall the start
            probe.connect(UnixDomainSocketAddress.of(path));
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            throw new BindException(path + ": a socket file that cannot be probed (" + e.getMessage()
                    + "); remove it if no server uses it");
        }
    }

    /**
     * @param path a file's path
     * @return what identifies the file itself (its device and inode on Linux), however it is named
     * @throws IOException if the file cannot be read
     */
    static Object key(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    }

    /**
     * Removes {@code path} if it is still the file {@code key} identifies.
     *
     * @param path a file's path
     * @param key what {@link #key} returned for the file to remove
     * @return false if another file is there now, which is left as it is; true if the file was
     *     removed, or nothing is there
     * @throws IOException if the path cannot be read or the file removed
     */
    static boolean removeIfSame(Path path, Object key) throws IOException {
        BasicFileAttributes attributes = attributes(path);
        if (attributes == null) {
            return true;
        }
        if (key == null || !Objects.equals(key, attributes.fileKey())) {
            return false;
        }
        Files.deleteIfExists(path);
        return true;
    }

    /** @return the attributes of the file itself, not of what a link points to; null if there is none */
    private static BasicFileAttributes attributes(Path path) throws IOException {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** A socket is an "other" file to the portable attributes, as are FIFOs and devices: the type bits tell. */
    private static boolean isSocket(Path path) throws IOException {
        Integer type = typeBits(path);
        return type != null && type == SOCKET;
    }

    private static String kind(Path path, BasicFileAttributes attributes) throws IOException {
        if (attributes.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (attributes.isDirectory()) {
            return "a folder";
        }
        if (attributes.isRegularFile()) {
            return "a regular file";
        }
        Integer type = typeBits(path);
        return type == null ? "a file this platform cannot tell from a socket"
                : type == FIFO ? "a FIFO" : "a device";
    }

    /** @return the file type bits of {@code st_mode}, or null where the platform has no "unix" attribute view */
    private static Integer typeBits(Path path) throws IOException {
        try {
            return (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS) & TYPE_BITS;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }
}
