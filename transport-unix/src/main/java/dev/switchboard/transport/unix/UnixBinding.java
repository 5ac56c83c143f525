package dev.switchboard.transport.unix;

import static java.lang.System.Logger.Level.WARNING;

import dev.switchboard.transport.stream.StreamBinding;
import java.io.IOException;
import java.net.BindException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Binds a Unix-domain socket file whose permissions are never wider than its {@code mode}, and
 * removes it on stop if it is still the one it created.
 *
 * <p>{@code bind(2)} creates the file with the process's umask, and Java can neither set the umask
 * nor change a socket's mode before binding it. So the socket is bound inside a fresh folder next to
 * the target that only the server's user may enter ({@code .sbXXXX}, created {@code rwx------}),
 * given its mode there, then hard-linked to its path (which, unlike a rename, never replaces a file
 * that appeared there meanwhile) and the private name and folder removed. The socket keeps working
 * under its new name: connecting finds a socket by its inode. See docs/DECISIONS.md.
 *
 * <p>The path's folder must exist (under systemd, {@code RuntimeDirectory=} creates it); a missing one
 * fails the start rather than being created with permissions nobody chose.
 */
final class UnixBinding implements StreamBinding {

    /** What the private folder adds to the path bound: {@code "/.sbXXXX"}. */
    static final int PRIVATE_FOLDER_BYTES = 8;

    private static final String PRIVATE_FOLDER_PREFIX = ".sb";
    private static final String NAME_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int NAME_ATTEMPTS = 100;

    private final SocketFileSettings settings;
    private final UnixDomainSocketAddress address;
    private final System.Logger logger;
    /** Identifies the socket file {@link #bind} created; null until then. */
    private volatile Object created;

    /**
     * @param settings the socket file's path and mode
     * @param logger where the endpoint logs
     */
    UnixBinding(SocketFileSettings settings, System.Logger logger) {
        this.settings = settings;
        this.address = UnixDomainSocketAddress.of(settings.path());
        this.logger = logger;
    }

    @Override
    public UnixDomainSocketAddress address() {
        return address;
    }

    /**
     * @throws BindException naming the path: its folder is missing or not writable, a server accepts
     *     connections on it, or something other than a stale socket file is there
     */
    @Override
    public ServerSocketChannel bind(int backlog) throws IOException {
        Path path = settings.path();
        Path folder = path.getParent();
        if (!Files.isDirectory(folder)) {
            throw new BindException(path + (Files.exists(folder) ? ": " + folder + " is not a folder"
                    : ": the folder " + folder + " does not exist; create it first (under systemd, RuntimeDirectory= does)"));
        }
        SocketFile.clearStale(path, logger);
        Path privateFolder = createPrivateFolder(path);
        Path boundAt = privateFolder.resolve(path.getFileName());
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            bindPrivately(channel, boundAt, backlog);
            Object key = SocketFile.key(boundAt);
            try {
                Files.createLink(path, boundAt);
            } catch (FileAlreadyExistsException e) {
                throw new BindException(path + ": in use: a file appeared there while binding");
            }
            created = key;
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        } finally {
            deleteQuietly(boundAt);
            deleteQuietly(privateFolder);
        }
    }

    private void bindPrivately(ServerSocketChannel channel, Path boundAt, int backlog) throws IOException {
        try {
            channel.bind(UnixDomainSocketAddress.of(boundAt), backlog);
        } catch (IOException e) {
            throw new BindException(settings.path() + ": " + e.getMessage());
        }
        Files.setPosixFilePermissions(boundAt, settings.mode());
    }

    private static Path createPrivateFolder(Path path) throws IOException {
        for (int attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
            Path folder = path.resolveSibling(PRIVATE_FOLDER_PREFIX + randomName());
            try {
                return Files.createDirectory(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (FileAlreadyExistsException e) {
                // another name, then
            } catch (AccessDeniedException e) {
                throw new BindException(path + ": cannot create files in " + path.getParent() + ": permission denied");
            }
        }
        throw new BindException(path + ": found no free name for a private folder next to it in "
                + NAME_ATTEMPTS + " attempts");
    }

    private static String randomName() {
        int length = PRIVATE_FOLDER_BYTES - 1 - PRIVATE_FOLDER_PREFIX.length();
        StringBuilder name = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            name.append(NAME_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(NAME_CHARACTERS.length())));
        }
        return name.toString();
    }

    private void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            logger.log(WARNING, "could not remove " + file + ", left from binding " + settings.path() + ": " + e);
        }
    }

    /** @return the socket file's path, for the listening channel and each connection alike: the kernel would name the private one */
    @Override
    public SocketAddress localAddress(NetworkChannel channel) {
        return address;
    }

    /** The same path and mode; takes over which socket file to remove on stop. */
    @Override
    public boolean takeOverFrom(StreamBinding serving) {
        if (!(serving instanceof UnixBinding other) || !settings.equals(other.settings)) {
            return false;
        }
        created = other.created;
        return true;
    }

    /** Removes the socket file if it is still the one {@link #bind} created; another file there is left, and logged. */
    @Override
    public void unbind(SocketAddress bound) throws IOException {
        Object key = created;
        if (key != null && !SocketFile.removeIfSame(settings.path(), key)) {
            logger.log(WARNING, "left " + settings.path() + " in place on stop: it is no longer the socket file"
                    + " this endpoint created");
        }
    }
}
