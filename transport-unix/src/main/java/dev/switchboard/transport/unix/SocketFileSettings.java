package dev.switchboard.transport.unix;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.switchboard.api.Settings;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The socket file a {@code unix} endpoint creates, read and validated from its settings
 * {@code path} and {@code mode}.
 *
 * <p>The path must be absolute: relative to the working directory, a service's socket would move
 * with wherever it was started from, and a transport is not told the distribution's home. It must
 * leave room for {@link UnixBinding}'s private folder within the platform's limit on a socket
 * address.
 *
 * @param path the socket file's absolute path
 * @param mode its permissions once created
 */
record SocketFileSettings(Path path, Set<PosixFilePermission> mode) {

    /**
     * The longest path a Unix-domain socket address holds: Linux's {@code sun_path} has 108 bytes,
     * the last for the terminating NUL.
     */
    static final int MAX_ADDRESS_BYTES = 107;
    /** The longest {@code path}: the socket is bound as {@code <folder>/.sbXXXX/<name>} first. */
    static final int MAX_PATH_BYTES = MAX_ADDRESS_BYTES - UnixBinding.PRIVATE_FOLDER_BYTES;

    private static final Pattern OCTAL = Pattern.compile("0?[0-7]{3}");
    private static final Pattern SYMBOLIC = Pattern.compile("[r-][w-][x-][r-][w-][x-][r-][w-][x-]");

    /** Copies the mode. */
    SocketFileSettings {
        mode = Set.copyOf(mode);
    }

    /**
     * @param settings the endpoint's settings
     * @return the validated path and mode
     * @throws dev.switchboard.api.SettingsException naming the bad value and what was expected
     */
    static SocketFileSettings from(Settings settings) {
        return new SocketFileSettings(path(settings), mode(settings));
    }

    private static Path path(Settings settings) {
        String expected = "an absolute path such as \"/run/switchboard/upper.sock\"";
        if (!settings.has("path")) {
            throw settings.invalid("path", expected);
        }
        String value = settings.string("path");
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw settings.invalid("path", expected);
        }
        if (!path.isAbsolute() || path.getFileName() == null) {
            throw settings.invalid("path", expected + " (a relative path would depend on the working directory)");
        }
        int bytes = path.toString().getBytes(UTF_8).length;
        if (bytes > MAX_PATH_BYTES) {
            throw settings.invalid("path", "a path of at most " + MAX_PATH_BYTES + " bytes, this one has " + bytes
                    + " (a Unix-domain socket address holds " + MAX_ADDRESS_BYTES + ", sun_path less its NUL, and"
                    + " the socket is first bound in a private folder next to it, " + UnixBinding.PRIVATE_FOLDER_BYTES
                    + " bytes longer)");
        }
        return path;
    }

    private static Set<PosixFilePermission> mode(Settings settings) {
        String value = settings.string("mode");
        if (SYMBOLIC.matcher(value).matches()) {
            return PosixFilePermissions.fromString(value);
        }
        if (OCTAL.matcher(value).matches()) {
            return fromOctal(Integer.parseInt(value, 8));
        }
        throw settings.invalid("mode", "permissions such as \"rw-rw----\" or \"0660\"");
    }

    /** @param bits such as {@code 0660}: owner, group and others, read, write and execute */
    private static Set<PosixFilePermission> fromOctal(int bits) {
        Set<PosixFilePermission> mode = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] fromHighestBit = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < fromHighestBit.length; i++) {
            if ((bits & (1 << (fromHighestBit.length - 1 - i))) != 0) {
                mode.add(fromHighestBit[i]);
            }
        }
        return mode;
    }
}
